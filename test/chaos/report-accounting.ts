// "The apply report accounts for every step": each plan step appears exactly once among the
// outcomes, with a known outcome, and the summary is the count of those outcomes.
import { expect } from "vitest";
import type { ApplyReport, Plan } from "../../reconciler/index.js";

export function expectReportAccountsForPlan(plan: Plan, report: ApplyReport): void {
  const planned = plan.steps.map((s) => s.id).sort();
  const reported = report.outcomes.map((o) => o.id).sort();
  expect(reported, "every step reported exactly once").toEqual(planned);
  for (const outcome of report.outcomes) {
    expect(["applied", "failed", "skipped", "not-started"]).toContain(outcome.outcome);
    if (outcome.outcome === "failed") expect(outcome.error?.code, `${outcome.address} failed without an error code`).toMatch(/^[a-z]+\.[a-z_]+$/);
  }
  const counted = { applied: 0, failed: 0, skipped: 0, "not-started": 0 };
  for (const o of report.outcomes) counted[o.outcome]++;
  expect(report.summary).toEqual(counted);
}
