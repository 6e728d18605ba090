// Did the estate converge? Decided from the plan and what the run did to each of its steps, as
// data: the CLI only maps the status to an exit code (0 converged, 2 not converged, 1 failed).
import type { Plan, PlanStep } from "../plan/plan.js";
import type { Convergence, NotConverged, NotConvergedKind, StepOutcome } from "./apply-report.js";

/** Why apply did not run a step, and what that means for convergence (undefined: it does not count). */
export interface SkipDecision {
  outcome: "skipped" | "waiting";
  reason: string;
  kind: NotConvergedKind | undefined;
}

export function convergenceOf(
  plan: Plan,
  outcomes: readonly StepOutcome[],
  skips: ReadonlyMap<string, SkipDecision>,
): Convergence {
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const objects: NotConverged[] = [];
  for (const o of outcomes) {
    const entry = notConverged(o, steps.get(o.id), skips.get(o.id));
    if (entry !== undefined) objects.push(entry);
  }
  // Orders an earlier run left provisioning, and what waits for an invitation, have no step of their own.
  for (const finding of plan.findings) {
    if (finding.kind !== "pending" || objects.some((o) => o.address === finding.address)) continue;
    objects.push({
      address: finding.address,
      kind: finding.detail?.orderId === undefined ? "waiting" : "pending",
      reason: finding.message,
    });
  }
  const status = outcomes.some((o) => o.outcome === "failed")
    ? "failed"
    : objects.length > 0
      ? "not-converged"
      : "converged";
  return { status, objects };
}

function notConverged(
  o: StepOutcome,
  step: PlanStep | undefined,
  skip: SkipDecision | undefined,
): NotConverged | undefined {
  const base = { address: o.address, action: o.action };
  switch (o.outcome) {
    case "applied":
      // Sent, not accepted: the customer is not linked until its global admin accepts.
      if (o.action === "send-invitation")
        return {
          ...base,
          kind: "waiting",
          reason: "the invitation was sent; the customer's global admin must accept it (the link is in the report)",
        };
      return undefined;
    case "pending":
      return {
        ...base,
        kind: "pending",
        reason: `accepted by Partner Center and still provisioning${typeof o.detail?.note === "string" ? ` (${o.detail.note})` : ""}; run apply again once it completes`,
      };
    case "failed":
      return { ...base, kind: "failed", reason: o.error ? `${o.error.code}: ${o.error.message}` : "failed" };
    case "not-started":
      return { ...base, kind: "not-started", reason: o.reason ?? "an earlier step of this customer failed" };
    case "waiting":
    case "skipped": {
      const kind = skip?.kind ?? (o.outcome === "waiting" ? "waiting" : "not-applied");
      if (skip !== undefined && skip.kind === undefined) return undefined;
      const blocked = step?.blocked ? `${step.blocked.code}: ${step.blocked.message}` : undefined;
      return { ...base, kind, reason: kind === "blocked" && blocked ? blocked : (o.reason ?? kind) };
    }
  }
}
