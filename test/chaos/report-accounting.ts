// "The apply report accounts for every step": each plan step appears exactly once among the
// outcomes, with a known outcome, and the summary is the count of those outcomes.
import { expect } from "vitest";
import type { ApplyReport, Plan } from "../../reconciler/index.js";
import { STEP_OUTCOME_KINDS, type StepOutcomeKind } from "../../reconciler/apply/apply-report.js";

export function expectReportAccountsForPlan(plan: Plan, report: ApplyReport): void {
  const planned = plan.steps.map((s) => s.id).sort();
  const reported = report.outcomes.map((o) => o.id).sort();
  expect(reported, "every step reported exactly once").toEqual(planned);
  for (const outcome of report.outcomes) {
    expect(STEP_OUTCOME_KINDS).toContain(outcome.outcome);
    if (outcome.outcome === "failed")
      expect(outcome.error?.code, `${outcome.address} failed without an error code`).toMatch(/^[a-z]+\.[a-z_]+$/);
  }
  const counted = Object.fromEntries(STEP_OUTCOME_KINDS.map((k) => [k, 0])) as Record<StepOutcomeKind, number>;
  for (const o of report.outcomes) counted[o.outcome]++;
  expect(report.summary).toEqual(counted);
}
