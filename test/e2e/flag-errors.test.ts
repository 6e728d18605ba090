// A flag the built CLI refuses (commander parses numbers and choices from cli/flags.ts) is exit 1
// with a cli.usage error, as JSON on stdout under --json; a single-valued --out given twice likewise.
import { describe, expect, it } from "vitest";
import { CLI_PATH, STACK_FRAME } from "../helpers/cli-child.js";
import { runBuiltCliSync } from "../helpers/build-lock.js";

function run(args: string[]) {
  const result = runBuiltCliSync(CLI_PATH, args, {
    env: { ...process.env, NO_COLOR: "1" },
    timeoutMs: 120_000,
    lockSeconds: 300,
  });
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

describe("flag errors of the built CLI", { timeout: 300_000 }, () => {
  it.each([
    [["apply", "examples/estate", "--concurrency", "0", "--json"], "--concurrency"],
    [["plan", "examples/estate", "--log-level", "verbose", "--json"], "--log-level"],
    [["drift", "examples/estate", "--format", "pdf", "--json"], "--format"],
  ])("%j is exit 1 with a cli.usage JSON error naming the flag", (args, name) => {
    const result = run(args);
    expect(result.status).toBe(1);
    const error = JSON.parse(result.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.error.code).toBe("cli.usage");
    expect(error.error.message).toContain(name);
    expect(error.error.hint).toMatch(/^run cspctl \w+ --help$/);
  });

  it("without --json the refusal goes to stderr and stdout stays empty", () => {
    const result = run(["apply", "examples/estate", "--concurrency", "four"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error cli.usage: .*--concurrency/);
  });

  it("plan --out twice is a usage error, not a silently dropped file", () => {
    const result = run(["plan", "examples/estate", "--out", "a.json", "--out", "b.json", "--json"]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "cli.usage" } });
  });
});
