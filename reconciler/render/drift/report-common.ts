// Helpers every drift renderer shares: grouping and counts.
import type { DriftCategory, DriftFinding, DriftReport } from "../../drift/drift-report.js";

/** Findings by declared customer (in report order), undeclared customers (null) last. */
export function groupByCustomer(report: DriftReport): Map<string | null, DriftFinding[]> {
  const groups = new Map<string | null, DriftFinding[]>();
  for (const name of report.customers) groups.set(name, []);
  for (const f of report.findings) {
    const list = groups.get(f.customer) ?? [];
    list.push(f);
    groups.set(f.customer, list);
  }
  for (const [key, list] of groups) if (list.length === 0) groups.delete(key);
  return groups;
}

export function summaryCounts(report: DriftReport): Record<DriftCategory, number> {
  return report.summary.byCategory;
}
