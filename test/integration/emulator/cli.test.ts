// `cspctl emulator` as partners run it: exactly one JSON line on stdout with the client's
// environment, logs on stderr, graceful exit on SIGINT and SIGTERM, usage errors exit 1.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";

const MAIN = join(process.cwd(), "dist/cli/main.js");

function run(
  args: string[],
  signal?: NodeJS.Signals,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (signal !== undefined && stdout.includes("\n")) {
        const line = JSON.parse(stdout.split("\n")[0]!) as { env: Record<string, string> };
        const agent = new Agent({ connect: { ca: readFileSync(line.env.CSPCTL_CA_FILE!, "utf8") } });
        // Prove it serves before stopping it.
        void request(`${line.env.CSPCTL_PARTNER_CENTER_URL}/v1/customers`, { dispatcher: agent })
          .then(async (response) => {
            stderr += `probe:${response.statusCode}\n`;
            await response.body.dump();
            await agent.close();
          })
          .finally(() => child.kill(signal));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ stdout, stderr, code }));
  });
}

describe("cspctl emulator", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "prints one JSON env line, serves, and stops cleanly on %s",
    async (signal) => {
      expect(existsSync(MAIN), "build first: npx tsc -p tsconfig.json").toBe(true);
      const { stdout, stderr, code } = await run(["emulator", "--port", "0", "--latency", "1", "--seed", "7"], signal);
      const lines = stdout.split("\n").filter((l) => l !== "");
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]!) as { env: Record<string, string>; controlUrl: string; adminKey: string };
      expect(Object.keys(line).sort()).toEqual(["adminKey", "controlUrl", "env"]);
      expect(Object.keys(line.env).sort()).toEqual(
        [
          "CSPCTL_AUTHORITY",
          "CSPCTL_CA_FILE",
          "CSPCTL_CLIENT_ID",
          "CSPCTL_CLIENT_SECRET",
          "CSPCTL_GRAPH_URL",
          "CSPCTL_PARTNER_CENTER_URL",
          "CSPCTL_REFRESH_TOKEN",
          "CSPCTL_TENANT_ID",
        ].sort(),
      );
      expect(line.env.CSPCTL_PARTNER_CENTER_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(line.env.CSPCTL_GRAPH_URL).toBe(`${line.env.CSPCTL_PARTNER_CENTER_URL}/graph/v1.0`);
      expect(line.controlUrl).toBe(`${line.env.CSPCTL_PARTNER_CENTER_URL}/_emulator`);
      expect(stderr).toContain("probe:401");
      expect(stderr).toContain(`${signal} received`);
      expect(stderr).not.toContain(line.env.CSPCTL_CLIENT_SECRET!);
      expect(code).toBe(0);
    },
  );

  it.each([
    ["--fault-rate", "2"],
    ["--port", "http"],
    ["--rate-limit", "0"],
  ])("refuses %s %s with exit code 1", async (flag, value) => {
    const { code, stdout } = await run(["emulator", flag, value]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
  });
});
