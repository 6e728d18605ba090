// applyPlan: runs a plan's ready steps in order, customers concurrently, the steps of one customer
// one after another. A failure stops that customer's remaining steps and lets the others finish;
// the report accounts for every step. Re-running converges, because every run plans from what
// Partner Center says now.
import { CspctlError } from "../../core/errors.js";
import type { DesiredEstate } from "../model/desired-estate.js";
import { fingerprintActual } from "../plan/fingerprint.js";
import type { Plan, PlanStep } from "../plan/plan.js";
import type { ActualEstate } from "../read/actual-estate.js";
import { summariseOutcomes, type ApplyReport, type StepOutcome } from "./apply-report.js";
import { discardingCredentialSink, type CredentialSink } from "./credentials.js";
import { operations, type ApplyClient, type CustomerRunState } from "./operations.js";

export interface ApplyOptions {
  client: ApplyClient;
  estate: DesiredEstate;
  /** Run destructive steps of protected customers (suspend, cancel, unassign, disable-user). */
  allowDestructive?: boolean;
  /** Customers applied at the same time. */
  concurrency?: number;
  credentials?: CredentialSink;
  /** For a saved plan: re-read Partner Center and refuse the plan if the state changed. */
  reread?: () => Promise<ActualEstate>;
  onStep?: (outcome: StepOutcome) => void;
}

export class StalePlanError extends CspctlError {
  constructor(expected: string, actual: string) {
    super({
      code: "plan.stale",
      message: `the saved plan was made from a different Partner Center state (plan ${expected.slice(0, 19)}…, now ${actual.slice(0, 19)}…)`,
      hint: "something changed since the plan was made; run cspctl plan again and review the new plan",
    });
  }
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  if (options.reread) {
    const now = fingerprintActual(await options.reread());
    if (now !== plan.fingerprint) throw new StalePlanError(plan.fingerprint, now);
  }
  const sink = options.credentials ?? discardingCredentialSink();
  const byCustomer = new Map<string, PlanStep[]>();
  for (const step of plan.steps) byCustomer.set(step.customer, [...(byCustomer.get(step.customer) ?? []), step]);

  const outcomes: StepOutcome[] = [];
  const record = (outcome: StepOutcome): void => {
    outcomes.push(outcome);
    options.onStep?.(outcome);
  };
  const queue = [...byCustomer.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, steps] = next;
      const desired = options.estate.customers.find((c) => c.name === name);
      if (desired === undefined) throw new CspctlError({ code: "apply.plan_mismatch", message: `the plan names customer ${name}, which the estate does not declare`, hint: "make the plan again from the current estate" });
      const state: CustomerRunState = { desired, customerId: steps.find((s) => s.target.customerId)?.target.customerId, subscriptionIds: new Map(), userIds: new Map() };
      await applyCustomer(steps, state, { ...options, credentials: sink }, record);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));

  const order = new Map(plan.steps.map((s, i) => [s.id, i]));
  outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const notSaved = "discarded" in sink ? [...(sink as { discarded: string[] }).discarded] : [];
  return { fingerprint: plan.fingerprint, outcomes, summary: summariseOutcomes(outcomes), credentials: { saved: sink.count, notSaved } };
}

async function applyCustomer(steps: PlanStep[], state: CustomerRunState, options: ApplyOptions & { credentials: CredentialSink }, record: (o: StepOutcome) => void): Promise<void> {
  const done = new Set<string>();
  let failed = false;
  for (const step of steps) {
    const base = { id: step.id, address: step.address, customer: step.customer, action: step.action };
    if (failed) {
      record({ ...base, outcome: "not-started", reason: "an earlier step of this customer failed" });
      continue;
    }
    const skip = skipReason(step, options.allowDestructive === true, done, steps);
    if (skip !== undefined) {
      record({ ...base, outcome: "skipped", reason: skip });
      continue;
    }
    try {
      const detail = await operations[step.action](step, { client: options.client, state, credentials: options.credentials });
      done.add(step.id);
      record({ ...base, outcome: "applied", ...(detail ? { detail } : {}) });
    } catch (error) {
      failed = true;
      const e = error instanceof CspctlError ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } : { code: "apply.step_failed", message: error instanceof Error ? error.message : String(error) };
      record({ ...base, outcome: "failed", error: e });
    }
  }
}

function skipReason(step: PlanStep, allowDestructive: boolean, done: ReadonlySet<string>, steps: readonly PlanStep[]): string | undefined {
  if (step.status === "blocked") return `blocked: ${step.blocked?.code ?? "plan rule"}`;
  if (step.status === "waiting") return "waiting for the customer to accept the invitation";
  if (step.status === "observe") return "policy.mode is observe";
  if (step.protected && !allowDestructive) return "destructive step of a protected customer: run with --allow-destructive";
  const ids = new Set(steps.map((s) => s.id));
  const missing = step.dependsOn.find((id) => ids.has(id) && !done.has(id));
  if (missing !== undefined) return `depends on ${missing}, which did not apply`;
  return undefined;
}
