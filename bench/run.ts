// `npm run bench`: runs every case in bench/cases and prints one table. Speed and memory targets
// live here, never in timed unit tests.
import { benchCases } from "./cases/index.js";

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

const only = process.argv.slice(2);
const rows: BenchResult[] = [];
for (const [name, run] of Object.entries(benchCases)) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
const header = ["benchmark", "value", "unit", "target", "met", "note"];
const table = rows.map((r) => [r.name, r.value.toFixed(r.value < 100 ? 2 : 0), r.unit, r.target, r.met === null ? "-" : r.met ? "yes" : "NO", r.note ?? ""]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]): string => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
console.log(line(header));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const row of table) console.log(line(row));
