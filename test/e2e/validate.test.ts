// cspctl validate: the built CLI spawned once per output format and exit path (0 and 1, text and
// --json, the bin); --json data, several paths and usage errors run the same program in-process
// (test/helpers/cli-in-process.ts), since the process is not what they test. Each broken example's
// golden text and spans are test/unit/load/golden.test.ts's (the same loader and renderer).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli-in-process.js";

const repo = join(import.meta.dirname, "..", "..");
const cli = join(repo, "dist", "cli", "main.js");
/** The environment without the variables examples/broken/missing-env.yaml expects to be unset. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("CSPCTL_EXAMPLE_")));

function spawned(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, env, encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = (...args: string[]) => runCliInProcess(args, { cwd: repo, exactEnv: env });

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does) before the e2e tests");
});

describe("cspctl validate (built CLI)", () => {
  it("`node dist/cli/main.js validate examples/estate` (the first `npm start`) exits 0", () => {
    const result = spawned("validate", "examples/estate");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^valid: 7 customers, 2 profiles in 8 files \(0 errors, 0 warnings\)\n$/);
    expect(result.stderr).toBe("");
  });

  it("prints the JSON report with --json", () => {
    const result = spawned("validate", "examples/estate", "--json");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      diagnostics: [],
      summary: { files: 8, customers: 7, profiles: 2, errors: 0, warnings: 0 },
    });
  });

  const broken = readdirSync(join(repo, "examples", "broken"))
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  it("a broken estate exits 1 from the built CLI, its diagnostics on stdout and nothing on stderr", () => {
    const result = spawned("validate", "examples/broken/unknown-key.yaml");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(readFileSync(join(repo, "examples", "broken", "unknown-key.expected.txt"), "utf8"));
    expect(result.stderr).toBe("");
  });

  it("reports diagnostics as JSON data with positions", async () => {
    const result = await run("validate", "examples/broken/unknown-key.yaml", "--json");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Record<string, unknown>[] };
    expect(report.valid).toBe(false);
    expect(report.diagnostics[1]).toEqual({
      severity: "error",
      code: "estate.unknown_key",
      message: 'unknown key "quantitty" in spec.subscriptions[0]',
      hint: 'did you mean "quantity"?',
      file: "examples/broken/unknown-key.yaml",
      line: 19,
      column: 7,
      endLine: 19,
      endColumn: 16,
    });
  });

  it("validates several paths together (all broken examples: every diagnostic, sorted)", async () => {
    const result = await run("validate", "examples/broken", "--json");
    expect(result.status).toBe(1);
    const { diagnostics } = JSON.parse(result.stdout) as {
      diagnostics: { file: string; line: number; column: number }[];
    };
    const keys = diagnostics.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(keys).toEqual(sorted);
    expect(new Set(diagnostics.map((d) => d.file)).size).toBe(broken.length);
  });

  it("honours --json for usage errors and exits 1", async () => {
    const result = await run("validate", "--json");
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      valid: false,
      diagnostics: [{ code: "cli.usage", message: "missing required argument 'paths'" }],
    });
    const unknown = await run("validate", "examples/estate", "--jsn", "--json");
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout).diagnostics[0].code).toBe("cli.usage");
  });

  it("prints usage errors as text without --json", async () => {
    const result = await run("validate");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing required argument 'paths'");
  });

  it("exits 1 for a path that does not exist", async () => {
    const result = await run("validate", "no/such/estate");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("no/such/estate:1:1 error estate.path_not_found");
  });

  it("is the package's bin", () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin.cspctl).toBe("dist/cli/main.js");
    expect(execFileSync(process.execPath, [cli, "--help"], { encoding: "utf8" })).toContain("validate");
  });
});
