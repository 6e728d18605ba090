// Property-based fuzzing of estate files (fast-check, fixed seeds): every generated folder must load
// to success or to diagnostics — never a throw, a hang, an out-of-memory crash or a polluted
// Object.prototype. The loader runs in a child process with a heap cap and a timeout; a sample
// also goes through the CLI's program (in-process: those cases already loaded safely in the child),
// which must end with exit 0 or 1 and never print a stack trace.
// CSPCTL_FUZZ_RUNS scales the run (default 100 cases per generator).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { describeAbnormalEnd, runNodeChild } from "../helpers/cli-child.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import {
  mutatedExampleEstate,
  replacedSubtreeEstate,
  structuredEstate,
  type EstateCase,
} from "./estate-arbitraries.js";

const RUNS = Number(process.env.CSPCTL_FUZZ_RUNS ?? 100);
const WORKER = join(import.meta.dirname, "load-worker.mjs");

interface CaseResult {
  dir: string;
  valid?: boolean;
  diagnostics?: { code: string; severity: string; message: string; line: number; column: number; file: string }[];
  threw?: string;
  polluted: boolean;
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function writeCases(cases: EstateCase[]): string[] {
  const root = mkdtempSync(join(tmpdir(), "cspctl-fuzz-"));
  roots.push(root);
  return cases.map((c, index) => {
    const dir = join(root, `case-${index}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(c.files)) writeFileSync(join(dir, name), content);
    return dir;
  });
}

async function loadInChild(
  dirs: string[],
): Promise<{ results: CaseResult[]; abnormal: string | undefined; running: string | undefined }> {
  const manifestDir = mkdtempSync(join(tmpdir(), "cspctl-fuzz-manifest-"));
  roots.push(manifestDir);
  const manifest = join(manifestDir, "dirs.json");
  writeFileSync(manifest, JSON.stringify(dirs));
  const run = await runNodeChild([WORKER, manifest], { timeoutMs: 90_000, maxOldSpaceMb: 384 });
  const lines = run.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as CaseResult & { start?: string });
  const results = lines.filter((l) => l.start === undefined);
  const started = lines.filter((l) => l.start !== undefined);
  const running = started.length > results.length ? started.at(-1)!.start : undefined;
  return {
    results,
    abnormal: describeAbnormalEnd({ ...run, stderr: "" }) ?? (run.stderr.trim() === "" ? undefined : run.stderr),
    running,
  };
}

const generators: [string, fc.Arbitrary<EstateCase>, number][] = [
  ["structured documents", structuredEstate, 7001],
  ["a subtree replaced by arbitrary JSON", replacedSubtreeEstate, 7002],
  ["example files mutated byte-wise", mutatedExampleEstate, 7003],
];

describe("estate fuzzing", { timeout: 150_000 }, () => {
  it.each(generators)("%s: success or diagnostics, never a throw, hang or crash", async (_name, arbitrary, seed) => {
    const cases = fc.sample(arbitrary, { seed, numRuns: RUNS });
    const dirs = writeCases(cases);
    const { results, abnormal, running } = await loadInChild(dirs);
    expect(abnormal, `the loader child ended abnormally${running ? ` while loading ${running}` : ""}`).toBeUndefined();
    expect(results).toHaveLength(dirs.length);
    for (const result of results) {
      expect(result.threw, `${result.dir} threw`).toBeUndefined();
      expect(result.polluted, `${result.dir} polluted Object.prototype`).toBe(false);
      for (const d of result.diagnostics!) {
        expect(d.code, result.dir).toMatch(/^estate\.[a-z0-9_]+$/);
        expect(d.message.length, result.dir).toBeGreaterThan(0);
        expect(d.line, result.dir).toBeGreaterThanOrEqual(1);
      }
      if (result.valid === false)
        expect(
          result.diagnostics!.some((d) => d.severity === "error"),
          result.dir,
        ).toBe(true);
    }
    // Both outcomes must occur, or the generator tests only one path.
    if (_name === "structured documents") expect(new Set(results.map((r) => r.valid)).size).toBe(2);

    // The CLI renders a sample (the first invalid and first valid cases, plus a few more) without a stack trace.
    const sample = [
      ...new Set(
        [results.find((r) => r.valid)?.dir, results.find((r) => !r.valid)?.dir, ...dirs.slice(0, 3)].filter(
          (d): d is string => d !== undefined,
        ),
      ),
    ];
    for (const dir of sample) {
      const run = { ...(await runCliInProcess(["validate", dir])), signal: null, timedOut: false };
      expect(describeAbnormalEnd(run), `${dir}: ${run.stdout}${run.stderr}`).toBeUndefined();
    }
  });
});
