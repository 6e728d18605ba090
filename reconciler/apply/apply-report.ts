import type { ErrorCode } from "../../core/error-codes.js";
import { CspctlError } from "../../core/errors.js";
import type { PlanAction } from "../plan/plan.js";
import type { DuplicatePurchase } from "./purchase-guard.js";

/**
 * applied: written and read back. pending: written and accepted, but its result is still being
 * provisioned (an order). waiting: not run because it waits for something outside this run (an
 * order still provisioning, the customer accepting the reseller invitation). failed: the write
 * failed (see error). skipped: not run on purpose (blocked, observe, protected without
 * --allow-destructive, or a dependency did not apply). not-started: an earlier step of the same
 * customer failed, so the rest of its steps never ran.
 */
export type StepOutcomeKind = "applied" | "pending" | "waiting" | "failed" | "skipped" | "not-started";

export const STEP_OUTCOME_KINDS: readonly StepOutcomeKind[] = [
  "applied",
  "pending",
  "waiting",
  "failed",
  "skipped",
  "not-started",
];

export interface StepOutcome {
  id: string;
  address: string;
  customer: string;
  action: PlanAction;
  outcome: StepOutcomeKind;
  reason?: string;
  error?: { code: ErrorCode; message: string; hint?: string };
  detail?: Record<string, unknown>;
}

/**
 * Why a declared object is not yet as the estate says after a run. pending: its order is still
 * provisioning. waiting: it waits for an order or an invitation. blocked: a Partner Center rule
 * forbids the step. needs-flag: destructive step of a protected customer, run without
 * --allow-destructive. not-applied: a step it depends on did not apply. failed / not-started: see
 * the step's outcome.
 */
export type NotConvergedKind =
  | "pending"
  | "waiting"
  | "blocked"
  | "needs-flag"
  | "not-applied"
  | "failed"
  | "not-started";

export interface NotConverged {
  address: string;
  /** The step that would change it; absent for an order left pending by an earlier run. */
  action?: PlanAction;
  kind: NotConvergedKind;
  reason: string;
}

/**
 * converged: after the run, nothing declared remains undone (customers in policy.mode: observe are
 * never written by apply and do not count). not-converged: no step failed, but `objects` are not yet
 * as declared. failed: at least one step failed.
 */
export interface Convergence {
  status: "converged" | "not-converged" | "failed";
  objects: NotConverged[];
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
  convergence: Convergence;
}

export function summariseOutcomes(outcomes: readonly StepOutcome[]): Record<StepOutcomeKind, number> {
  const summary = Object.fromEntries(STEP_OUTCOME_KINDS.map((k) => [k, 0])) as Record<StepOutcomeKind, number>;
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
    super(
      failed === 0 && duplicates > 0
        ? {
            code: "apply.duplicate_purchase",
            message: `${duplicates} subscription(s) were bought twice: ${report.duplicates.map((d) => `${d.address} (${d.subscriptionId})`).join(", ")}`,
            hint: "run cspctl plan: it proposes cancelling the newer one while Partner Center still refunds it; apply that with --allow-destructive",
          }
        : {
            code: "apply.partial",
            message: `apply stopped part-way: ${applied} step(s) applied, ${failed} failed, ${notStarted} not started${duplicates > 0 ? `, and ${duplicates} subscription(s) were bought twice` : ""}`,
            hint: "fix the cause named for each failed step and run apply again; it re-reads Partner Center and continues without repeating what was done",
          },
    );
  }
}
