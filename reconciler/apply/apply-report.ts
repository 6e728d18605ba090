import { CspctlError } from "../../core/errors.js";
import type { PlanAction } from "../plan/plan.js";
import type { DuplicatePurchase } from "./purchase-guard.js";

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
  /**
   * Subscriptions of an offer bought since the plan beyond what it meant to buy (found by the
   * read-back after each purchase). Any is a failed apply: `cspctl plan` proposes cancelling them.
   */
  duplicates: DuplicatePurchase[];
}

export function summariseOutcomes(outcomes: readonly StepOutcome[]): Record<StepOutcomeKind, number> {
  const summary: Record<StepOutcomeKind, number> = { applied: 0, failed: 0, skipped: 0, "not-started": 0 };
  for (const o of outcomes) summary[o.outcome] += 1;
  return summary;
}

/** The run failed: a step failed, or a purchase turned out to be a duplicate. */
export function applyFailed(report: ApplyReport): boolean {
  return report.summary.failed > 0 || report.duplicates.length > 0;
}

/** Some steps failed: the report says exactly which ran, failed and never started. */
export class ApplyError extends CspctlError {
  constructor(readonly report: ApplyReport) {
    const { applied, failed, "not-started": notStarted } = report.summary;
    const duplicates = report.duplicates.length;
    super(failed === 0 && duplicates > 0
      ? {
          code: "apply.duplicate_purchase",
          message: `${duplicates} subscription(s) were bought twice: ${report.duplicates.map((d) => `${d.address} (${d.subscriptionId})`).join(", ")}`,
          hint: "run cspctl plan: it proposes cancelling the newer one while Partner Center still refunds it; apply that with --allow-destructive",
        }
      : {
          code: "apply.partial",
          message: `apply stopped part-way: ${applied} step(s) applied, ${failed} failed, ${notStarted} not started${duplicates > 0 ? `, and ${duplicates} subscription(s) were bought twice` : ""}`,
          hint: "fix the cause named for each failed step and run apply again; it re-reads Partner Center and continues without repeating what was done",
        });
  }
}
