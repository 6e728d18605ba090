// Hostile estates through the built CLI in a child process with a 256 MB heap and a timeout: every
// case must end by itself in diagnostics (exit 1) or success, never a crash, a hang or a stack
// trace, in both the human and the JSON view. All cases go through one run (each case is its own
// folder argument, and its diagnostics are matched by path); if that run ends abnormally, each case
// is run alone to name the culprit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeAbnormalEnd, runCli, type CliRun } from "../helpers/cli-child.js";
import { CRASHING_CASES, HOSTILE_CASES } from "./hostile-files.js";

interface ValidateJson {
  valid: boolean;
  diagnostics: { code: string; severity: string; file: string; line: number; message: string }[];
}

const LIMITS = { timeoutMs: 60_000, maxOldSpaceMb: 256 };

const made: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-hostile-"));
  made.push(dir);
  return dir;
}
// One case is a 50 MB file: do not leave it behind.
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function validateBoth(paths: string[]): Promise<[CliRun, CliRun]> {
  return Promise.all([runCli(["validate", ...paths, "--json"], LIMITS), runCli(["validate", ...paths], LIMITS)]);
}

describe("hostile input to cspctl validate", { timeout: 180_000 }, () => {
  it(`${HOSTILE_CASES.length} hostile cases end in diagnostics, bounded, without a stack trace`, async () => {
    const root = freshDir();
    const dirs = HOSTILE_CASES.map((hostile, index) => {
      const dir = join(root, `case${index}`);
      mkdirSync(dir);
      hostile.write(dir);
      return dir;
    });
    const [json, human] = await validateBoth(dirs);
    if (describeAbnormalEnd(json) !== undefined || describeAbnormalEnd(human) !== undefined) {
      const culprits: string[] = [];
      for (const [index, dir] of dirs.entries()) {
        const [alone, aloneHuman] = await validateBoth([dir]);
        const problem = describeAbnormalEnd(alone) ?? describeAbnormalEnd(aloneHuman);
        if (problem !== undefined)
          culprits.push(`${HOSTILE_CASES[index]!.name}: ${problem}\n${alone.stderr.slice(0, 600)}`);
      }
      expect.fail(
        `the CLI ended abnormally (${describeAbnormalEnd(json) ?? describeAbnormalEnd(human)}); alone: ${culprits.join("\n") || "none reproduced"}`,
      );
    }
    const report = JSON.parse(json.stdout) as ValidateJson;
    expect(json.status).toBe(1);
    expect(human.status).toBe(1);
    expect(human.stdout).toMatch(/^invalid: \d+ errors?, \d+ warnings?$/m);
    for (const d of report.diagnostics) expect(d.code).toMatch(/^estate\.[a-z0-9_]+$/);
    for (const [index, hostile] of HOSTILE_CASES.entries()) {
      const own = report.diagnostics.filter((d) => d.file.includes(`case${index}/`) || d.file.endsWith(`case${index}`));
      const codes = own.map((d) => d.code);
      for (const code of hostile.codes) expect(codes, `${hostile.name}: expected ${code}`).toContain(code);
      if (hostile.codes.length > 0)
        expect(
          own.some((d) => d.severity === "error"),
          hostile.name,
        ).toBe(true);
    }
  });

  it("plan refuses a hostile estate before connecting anywhere, without a stack trace", async () => {
    const dir = freshDir();
    HOSTILE_CASES[0]!.write(dir);
    const run = await runCli(["plan", dir, "--emulator-dir", join(dir, ".emulator")], LIMITS);
    expect(describeAbnormalEnd(run), run.stderr).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain("estate.document_too_large");
  });

  // Finding chaos-deep-block-nesting: yaml recurses per level; the second overflow aborts V8.
  it.each(CRASHING_CASES)("$name ends in estate.too_deep, not a crash", async (hostile) => {
    const dir = freshDir();
    hostile.write(dir);
    const run = await runCli(["validate", dir, "--json"], LIMITS);
    expect(describeAbnormalEnd(run), run.stderr.slice(0, 300)).toBeUndefined();
    expect(run.stdout).toContain("estate.too_deep");
  });

  // Finding chaos-alias-quadratic: yaml's composer is quadratic in aliases and the limit is checked after it.
  // The bound catches a blow-up (an expansion that never ends), not speed: a loaded machine must not fail it.
  it("100,000 alias references end in estate.alias_limit, not in an expansion that never ends", async () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, "aliases.yaml"),
      `a: &x []\n${Array.from({ length: 100_000 }, (_, i) => `b${i}: *x\n`).join("")}`,
    );
    const run = await runCli(["validate", dir, "--json"], LIMITS);
    expect(describeAbnormalEnd(run), run.stderr).toBeUndefined();
    expect(run.stdout).toContain("estate.alias_limit");
  });

  // Finding chaos-terminal-escapes: diagnostics quote estate values verbatim into the human view.
  it("control characters in names never reach the terminal raw", async () => {
    const dir = freshDir();
    HOSTILE_CASES.find((c) => c.name === "control characters in names")!.write(dir);
    const run = await runCli(["validate", dir], LIMITS);
    expect(describeAbnormalEnd(run)).toBeUndefined();
    // anything but newline among C0, DEL, C1 and the bidi controls
    expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
