// The lines the plan and the drift report print about how customers were read: counts per mode,
// each customer read in full or incrementally with why, and the oldest full read among the
// customers taken from the snapshot (the JSON lists every customer).
import type { CustomerReadMode } from "./read-incremental.js";

export function readModeLines(reads: readonly CustomerReadMode[]): string[] {
  if (reads.length === 0) return [];
  const count = (mode: CustomerReadMode["mode"]) => reads.filter((r) => r.mode === mode).length;
  const lines = [
    `Read: ${count("full")} customer(s) in full, ${count("incremental")} incrementally, ${count("snapshot")} from the snapshot`,
  ];
  for (const r of reads)
    if (r.mode !== "snapshot")
      lines.push(`  ${r.mode.padEnd(11)} customer:${r.customer} (${r.reason}), last read in full ${r.lastFullReadAt}`);
  const fromSnapshot = reads
    .filter((r) => r.mode === "snapshot")
    .map((r) => r.lastFullReadAt)
    .sort();
  if (fromSnapshot.length > 0)
    lines.push(`  from the snapshot: last read in full ${fromSnapshot[0]} at the oldest (--full reads all)`);
  return lines;
}
