// Starts bench/harness/emulator-child.js as a child process and drives its control API (seed,
// faults, stats) over HTTPS, trusting the emulator's CA.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import type { EmulatorEnv, FaultConfig, StatsReport } from "../../emulator/index.js";

export interface EmulatorProcess {
  env: EmulatorEnv;
  seed(body: unknown): Promise<void>;
  faults(config: Partial<FaultConfig>): Promise<void>;
  stats(): Promise<StatsReport>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

interface ReadyLine {
  env: EmulatorEnv;
  controlUrl: string;
  adminKey: string;
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const childJs = fileURLToPath(new URL("./emulator-child.js", import.meta.url));
  const child = spawn(process.execPath, [childJs], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = await firstLine(child);
  const agent = new Agent({ connect: { ca: await readFile(ready.env.CSPCTL_CA_FILE, "utf8") } });
  const call = async (method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<unknown> => {
    const response = await request(`${ready.controlUrl}${path}`, {
      method,
      dispatcher: agent,
      headers: { "x-emulator-key": ready.adminKey, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`emulator control ${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  };
  return {
    env: ready.env,
    seed: async (body) => void (await call("POST", "/seed", body)),
    faults: async (config) => void (await call("PUT", "/faults", config)),
    stats: async () => (await call("GET", "/stats")) as StatsReport,
    resetStats: async () => void (await call("POST", "/stats/reset")),
    close: async () => {
      await agent.close();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function firstLine(child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (text) => {
      lines.close();
      resolve(JSON.parse(text) as ReadyLine);
    });
    child.once("exit", (code) => reject(new Error(`bench emulator exited with ${String(code)} before it was ready`)));
  });
}
