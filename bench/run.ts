// `npm run bench [-- --quick] [names…]`: the partner-scale scenarios of issue 8 (printed as a table
// and written to bench/results.json, which is not committed), then the older micro-benchmarks in
// bench/cases. Speed and memory targets live here, never in timed unit tests.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { benchCases } from "./cases/index.js";
import { printScenarioTable, printCaseTable } from "./harness/report.js";
import { benchSizes, type ScenarioResult } from "./harness/scenario.js";
import { scenarioNames, runScenarios } from "./scenarios/index.js";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The goal, e.g. "< 5000 ms" or ">= 2000 req/s"; empty when there is none. */
  target: string;
  met: boolean | null;
  note?: string;
}

export type BenchCase = () => Promise<BenchResult[]>;

export interface BenchReport {
  startedAt: string;
  quick: boolean;
  machine: { node: string; cpus: number; loadAverageAtStart: number[] };
  scenarios: ScenarioResult[];
  cases: BenchResult[];
}

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.filter((a) => !a.startsWith("--"));
const wanted = (name: string): boolean => only.length === 0 || only.some((o) => name.includes(o));
const resultsPath =
  args.find((a) => a.startsWith("--out="))?.slice("--out=".length) ??
  fileURLToPath(new URL("../../bench/results.json", import.meta.url));

const report: BenchReport = {
  startedAt: new Date().toISOString(),
  quick,
  machine: {
    node: process.version,
    cpus: cpus().length,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  },
  scenarios: [],
  cases: [],
};
const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

// scenario names match exactly (`plan` must not also pick planner-pure); case names by substring
report.scenarios = await runScenarios(
  benchSizes(quick),
  scenarioNames.filter((name) => only.length === 0 || only.includes(name)),
  progress,
);
// the micro-benchmarks run at one size; --quick leaves them out unless named
for (const [name, run] of Object.entries(benchCases)) {
  if (quick ? only.length === 0 || !wanted(name) : !wanted(name)) continue;
  progress(`${name}…`);
  report.cases.push(...(await run()));
}
writeFileSync(resultsPath, `${JSON.stringify(report, null, 2)}\n`);
if (report.scenarios.length > 0) printScenarioTable(report.scenarios);
if (report.cases.length > 0) printCaseTable(report.cases);
progress(`results written to ${resultsPath}`);
