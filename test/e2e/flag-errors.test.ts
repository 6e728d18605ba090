// A flag the CLI refuses (commander parses numbers and choices from cli/flags.ts) is exit 1 with a
// cli.usage error, as JSON on stdout under --json; a single-valued --out given twice likewise. The
// program runs in-process (test/helpers/cli-in-process.ts); exit codes as the OS reports them are
// test/e2e/exit-codes.test.ts's.
import { describe, expect, it } from "vitest";
import { STACK_FRAME } from "../helpers/cli-child.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";

async function run(args: string[]) {
  const result = await runCliInProcess(args);
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

describe("flag errors of the CLI", () => {
  it.each([
    [["apply", "examples/estate", "--concurrency", "0", "--json"], "--concurrency"],
    [["plan", "examples/estate", "--log-level", "verbose", "--json"], "--log-level"],
    [["drift", "examples/estate", "--format", "pdf", "--json"], "--format"],
  ])("%j is exit 1 with a cli.usage JSON error naming the flag", async (args, name) => {
    const result = await run(args);
    expect(result.status).toBe(1);
    const error = JSON.parse(result.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.error.code).toBe("cli.usage");
    expect(error.error.message).toContain(name);
    expect(error.error.hint).toMatch(/^run cspctl \w+ --help$/);
  });

  it("without --json the refusal goes to stderr and stdout stays empty", async () => {
    const result = await run(["apply", "examples/estate", "--concurrency", "four"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error cli.usage: .*--concurrency/);
  });

  it("plan --out twice is a usage error, not a silently dropped file", async () => {
    const result = await run(["plan", "examples/estate", "--out", "a.json", "--out", "b.json", "--json"]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "cli.usage" } });
  });
});
