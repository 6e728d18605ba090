// The bench's tables: scenarios with the fields of bench/results.json, then the micro-benchmarks.
import type { BenchResult } from "../run.js";
import type { ScenarioResult } from "./scenario.js";

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

const num = (n: number | null, digits = 2): string => (n === null ? "-" : n.toFixed(digits));

export function printScenarioTable(results: readonly ScenarioResult[]): void {
  table(
    [
      "scenario",
      "customers",
      "reads",
      "writes",
      "minReads",
      "readsRatio",
      "wall s",
      "bound s",
      "wallRatio",
      "peak RSS MiB",
      "CPU s",
      "429s",
      "targets",
    ],
    results.map((r) => [
      r.name,
      String(r.customers),
      String(r.reads),
      String(r.writes),
      String(r.minReads),
      num(r.readsRatio, 3),
      num(r.wallSeconds),
      num(r.boundSeconds),
      num(r.wallRatio),
      num(r.peakRssMiB, 0),
      num(r.cpuSeconds),
      String(r.throttled),
      r.targets.map((t) => `${t.met ? "met" : "MISSED"}: ${t.goal}`).join("; "),
    ]),
  );
  for (const r of results) console.log(`  ${r.name}: ${r.note}`);
}

export function printCaseTable(rows: readonly BenchResult[]): void {
  table(
    ["benchmark", "value", "unit", "target", "met", "note"],
    rows.map((r) => [
      r.name,
      r.value.toFixed(r.value < 100 ? 2 : 0),
      r.unit,
      r.target,
      r.met === null ? "-" : r.met ? "yes" : "NO",
      r.note ?? "",
    ]),
  );
}
