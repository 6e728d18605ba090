// Spend approval (docs/money.md): a ready step over a threshold of its customer's policy.approval is
// `needs-approval`; the plan says how much monthly spend (at cost) those steps add, and apply refuses
// them unless the run approves at least that much (`--approve-spend AMOUNT`, or a saved plan made with it).
import { CspctlError } from "../../core/errors.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { Plan, PlanApproval, PlanStep } from "../plan/plan.js";
import { cents } from "./step-money.js";

/** Marks the steps over a threshold and returns what the plan needs approved (undefined: nothing). */
export function evaluateApproval(steps: PlanStep[], customers: readonly DesiredCustomer[]): PlanApproval | undefined {
  const byName = new Map(customers.map((c) => [c.name, c]));
  const ready = steps.filter((s) => s.status === "ready");
  const increase = (s: PlanStep): number => Math.max(0, s.money?.monthly.cost ?? 0);
  const reasons = new Map<PlanStep, string[]>();
  const flag = (step: PlanStep, reason: string): void => {
    reasons.set(step, [...(reasons.get(step) ?? []), reason]);
  };
  const runLimit = Math.min(
    ...customers.map((c) => c.policy.approval?.maxRunMonthlyIncrease ?? Number.POSITIVE_INFINITY),
  );
  const runTotals = new Map<string, number>();
  for (const step of ready) {
    if (step.money === undefined) continue;
    runTotals.set(step.money.currency, (runTotals.get(step.money.currency) ?? 0) + increase(step));
  }
  for (const customer of customers) {
    const approval = customer.policy.approval;
    const own = ready.filter((s) => s.customer === customer.name);
    const total = own.reduce((sum, s) => sum + increase(s), 0);
    for (const step of own) {
      const seats = seatsOf(step);
      if (approval?.maxSeatIncrease !== undefined && seats.added > approval.maxSeatIncrease)
        flag(step, `adds ${seats.added} seats, over maxSeatIncrease ${approval.maxSeatIncrease}`);
      if (approval?.maxQuantity !== undefined && seats.after > approval.maxQuantity)
        flag(step, `reaches ${seats.after} seats, over maxQuantity ${approval.maxQuantity}`);
      if (increase(step) === 0) continue;
      const currency = step.money!.currency;
      if (approval?.maxMonthlyIncrease !== undefined && total > approval.maxMonthlyIncrease)
        flag(
          step,
          `${customer.name}'s monthly cost rises by ${amount(total, currency)}, over maxMonthlyIncrease ${amount(approval.maxMonthlyIncrease, currency)}`,
        );
      const run = runTotals.get(currency) ?? 0;
      if (run > runLimit)
        flag(
          step,
          `the run's monthly cost rises by ${amount(run, currency)}, over maxRunMonthlyIncrease ${amount(runLimit, currency)}`,
        );
    }
  }
  if (reasons.size === 0) return undefined;
  const required = new Map<string, number>();
  for (const [step, why] of reasons) {
    step.approval = { status: "needs-approval", reasons: why };
    const currency = step.money?.currency ?? byName.get(step.customer)?.pricing?.currency ?? "";
    required.set(currency, cents((required.get(currency) ?? 0) + increase(step)));
  }
  return { required: [...required].map(([currency, value]) => ({ currency, amount: value })) };
}

function seatsOf(step: PlanStep): { added: number; after: number } {
  const after = step.after ?? {};
  const renewal = (after.renewal ?? {}) as Record<string, unknown>;
  const quantity =
    typeof after.quantity === "number" ? after.quantity : typeof renewal.quantity === "number" ? renewal.quantity : 0;
  const before = typeof step.before?.quantity === "number" ? step.before.quantity : 0;
  const added =
    step.action === "schedule-renewal" && step.reason !== "trial_conversion_scheduled" ? 0 : quantity - before;
  return { added, after: quantity };
}

export function amount(value: number, currency: string): string {
  return `${value.toFixed(2)}${currency === "" ? "" : ` ${currency}`}`;
}

/** The largest amount one currency needs: `--approve-spend AMOUNT` must cover it. */
export function requiredAmount(approval: PlanApproval): number {
  return Math.max(0, ...approval.required.map((r) => r.amount));
}

/**
 * Records the run's approval in the plan and returns the ids of the steps apply must refuse (empty
 * when the approval covers them). `approveSpend`: the run's `--approve-spend`; a saved plan's own
 * approval counts when the run gives none.
 */
export function applySpendApproval(plan: Plan, approveSpend: number | undefined): Map<string, string> {
  const refused = new Map<string, string>();
  if (plan.approval === undefined) return refused;
  const approved =
    approveSpend !== undefined
      ? { amount: approveSpend, by: "--approve-spend" as const }
      : plan.approval.approved === undefined
        ? undefined
        : { amount: plan.approval.approved.amount, by: "saved-plan" as const };
  const needed = requiredAmount(plan.approval);
  const covered = approved !== undefined && approved.amount >= needed;
  if (approved !== undefined) plan.approval.approved = approved;
  for (const step of plan.steps) {
    if (step.approval === undefined) continue;
    if (covered) {
      step.approval.status = "approved";
      continue;
    }
    refused.set(
      step.id,
      `needs approval: ${step.approval.reasons.join("; ")}; this run's steps over a threshold add ${describeRequired(plan.approval)} a month at cost — run with --approve-spend ${needed.toFixed(2)}${approved === undefined ? "" : ` (approved: ${approved.amount.toFixed(2)})`}`,
    );
  }
  return refused;
}

export function describeRequired(approval: PlanApproval): string {
  return approval.required.map((r) => amount(r.amount, r.currency)).join(" and ");
}

/** `--approve-spend AMOUNT`: a non-negative amount with at most two decimals. */
export function parseApproveSpend(text: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim()))
    throw new CspctlError({
      code: "cli.usage",
      message: `--approve-spend ${JSON.stringify(text)} is not an amount`,
      hint: "give the monthly amount to approve, e.g. --approve-spend 5000 or --approve-spend 1250.50 (in the customers' currency)",
    });
  return Number(text);
}
