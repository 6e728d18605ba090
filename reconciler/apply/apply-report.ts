import { CspctlError } from "../../core/errors.js";
import type { PlanAction } from "../plan/plan.js";

/**
 * applied: written and read back. failed: the write failed (see error). skipped: not run on
 * purpose (blocked, waiting, observe, protected without --allow-destructive, or a dependency did not
 * apply). not-started: an earlier step of the same customer failed, so the rest of its steps never ran.
 */
export type StepOutcomeKind = "applied" | "failed" | "skipped" | "not-started";

export interface StepOutcome {
  id: string;
  address: string;
  customer: string;
  action: PlanAction;
  outcome: StepOutcomeKind;
  reason?: string;
  error?: { code: string; message: string; hint?: string };
  detail?: Record<string, unknown>;
}

export interface ApplyReport {
  fingerprint: string;
  outcomes: StepOutcome[];
  summary: Record<StepOutcomeKind, number>;
  /** How many generated secrets went to --credentials-out; names of those not saved anywhere. */
  credentials: { saved: number; notSaved: string[] };
}

export function summariseOutcomes(outcomes: readonly StepOutcome[]): Record<StepOutcomeKind, number> {
  const summary: Record<StepOutcomeKind, number> = { applied: 0, failed: 0, skipped: 0, "not-started": 0 };
  for (const o of outcomes) summary[o.outcome] += 1;
  return summary;
}

/** Some steps failed: the report says exactly which ran, failed and never started. */
export class ApplyError extends CspctlError {
  constructor(readonly report: ApplyReport) {
    const { applied, failed, "not-started": notStarted } = report.summary;
    super({
      code: "apply.partial",
      message: `apply stopped part-way: ${applied} step(s) applied, ${failed} failed, ${notStarted} not started`,
      hint: "fix the cause named for each failed step and run apply again; it re-reads Partner Center and continues without repeating what was done",
    });
  }
}
