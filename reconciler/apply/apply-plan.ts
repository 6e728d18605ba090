// applyPlan: runs a plan's ready steps in order, customers concurrently, the steps of one customer
// one after another. A failure stops that customer's remaining steps and lets the others finish;
// the report accounts for every step. Re-running converges, because every run plans from what
// Partner Center says now.
import type { ErrorCode } from "../../core/error-codes.js";
import { PartnerCenterError } from "../../client/errors.js";
import { withWriteKeys } from "../../client/idempotency.js";
import { CspctlError } from "../../core/errors.js";
import type { DesiredEstate } from "../model/desired-estate.js";
import { customersChangedBy, fingerprintActual } from "../plan/fingerprint.js";
import type { Plan, PlanStep } from "../plan/plan.js";
import type { ActualEstate } from "../read/actual-estate.js";
import { summariseOutcomes, type ApplyReport, type StepOutcome } from "./apply-report.js";
import { convergenceOf, type SkipDecision } from "./convergence.js";
import { discardingCredentialSink, type CredentialSink } from "./credentials.js";
import type { ApplyClient, CustomerRunState } from "./operation-context.js";
import { operations } from "./operations.js";
import type { DuplicatePurchase } from "./purchase-guard.js";
import { writeMeaning } from "./write-meaning.js";

export interface ApplyOptions {
  client: ApplyClient;
  estate: DesiredEstate;
  /** Run destructive steps of protected customers (suspend, cancel, unassign, disable-user). */
  allowDestructive?: boolean;
  /** Steps over a spend threshold the run did not approve (step id → why): skipped, not converged (reconcile decides). */
  spendRefused?: ReadonlyMap<string, string>;
  /** Customers applied at the same time. */
  concurrency?: number;
  /** Where generated secrets go; without one they are kept in memory and listed in the report as not saved. Front ends call reconcile(), which requires one. */
  credentials?: CredentialSink;
  /** For a saved or a confirmed plan: re-read Partner Center and refuse the plan if the state changed. */
  reread?: () => Promise<ActualEstate>;
  /**
   * With `reread`: the plan the estate and the state just re-read give now. A saved plan whose steps
   * differ from it (edited by hand, or a window that closed since) is refused: apply never runs a
   * step the planner would not plan now.
   */
  replan?: (actual: ActualEstate) => Plan | Promise<Plan>;
  onStep?: (outcome: StepOutcome) => void;
  /** Checked before each step: an error (e.g. the run's lock was lost) fails that step unstarted and stops its customer. */
  interrupted?: () => { code: ErrorCode; message: string; hint?: string } | undefined;
  /** A tenant created in this run may be "not found" (404/60003) for a while: how often and how long to retry. */
  freshTenantRetry?: { attempts: number; delayMs: number };
  /** For tests: how to wait between those retries. */
  sleep?: (ms: number) => Promise<void>;
}

export class StalePlanError extends CspctlError {
  constructor(expected: string, actual: string, differingStep?: string) {
    super({
      code: "plan.stale",
      message:
        differingStep === undefined
          ? `the plan was made from a different Partner Center state than the one just re-read (plan ${expected.slice(0, 19)}…, now ${actual.slice(0, 19)}…)`
          : `the plan's step ${differingStep} is not what planning the same estate and state gives now`,
      hint: "something changed since the plan was made; run cspctl plan again and review the new plan",
    });
  }
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  if (options.reread) {
    const actual = await options.reread();
    const now = fingerprintActual(actual, customersChangedBy(plan, options.estate.customers));
    if (now !== plan.fingerprint) throw new StalePlanError(plan.fingerprint, now);
    const differing = options.replan ? firstDifferingStep(plan.steps, (await options.replan(actual)).steps) : undefined;
    if (differing !== undefined) throw new StalePlanError(plan.fingerprint, now, differing);
  }
  const sink = options.credentials ?? discardingCredentialSink();
  const byCustomer = new Map<string, PlanStep[]>();
  for (const step of plan.steps) byCustomer.set(step.customer, [...(byCustomer.get(step.customer) ?? []), step]);

  const outcomes: StepOutcome[] = [];
  const duplicates: DuplicatePurchase[] = [];
  const skips = new Map<string, SkipDecision>();
  const record = (outcome: StepOutcome, skip?: SkipDecision): void => {
    outcomes.push(outcome);
    if (skip !== undefined) skips.set(outcome.id, skip);
    options.onStep?.(outcome);
  };
  const queue = [...byCustomer.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, steps] = next;
      const desired = options.estate.customers.find((c) => c.name === name);
      if (desired === undefined) {
        // A failed customer, not a thrown exception: the other customers' steps still run and are reported.
        const error: StepOutcome["error"] = {
          code: "apply.plan_mismatch",
          message: `the plan names customer ${name}, which the estate does not declare`,
          hint: "make the plan again from the current estate",
        };
        for (const [i, step] of steps.entries())
          record({
            id: step.id,
            address: step.address,
            customer: step.customer,
            action: step.action,
            ...(i === 0
              ? { outcome: "failed", error }
              : { outcome: "not-started", reason: "an earlier step of this customer failed" }),
          });
        continue;
      }
      const state: CustomerRunState = {
        desired,
        customerId: steps.find((s) => s.target.customerId)?.target.customerId,
        subscriptionIds: new Map(),
        userIds: new Map(),
        purchasesPlanned: purchasesPlanned(steps, desired),
      };
      await applyCustomer(steps, state, { ...options, credentials: sink }, record);
      duplicates.push(...(state.duplicates ?? []));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));

  const order = new Map(plan.steps.map((s, i) => [s.id, i]));
  outcomes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const notSaved = "discarded" in sink ? [...(sink as { discarded: string[] }).discarded] : [];
  return {
    fingerprint: plan.fingerprint,
    outcomes,
    summary: summariseOutcomes(outcomes),
    credentials: { saved: sink.count, notSaved },
    duplicates,
    convergence: convergenceOf(plan, outcomes, skips),
    ...(plan.approval === undefined ? {} : { approval: plan.approval }),
  };
}

/** Offer (lower case) → the customer's create-subscription steps for it. */
function purchasesPlanned(
  steps: readonly PlanStep[],
  desired: DesiredEstate["customers"][number],
): Map<string, number> {
  const planned = new Map<string, number>();
  for (const step of steps) {
    if (step.action !== "create-subscription") continue;
    const offer = desired.subscriptions.find((s) => step.address === s.address)?.offer.toLowerCase();
    if (offer !== undefined) planned.set(offer, (planned.get(offer) ?? 0) + 1);
  }
  return planned;
}

async function applyCustomer(
  steps: PlanStep[],
  state: CustomerRunState,
  options: ApplyOptions & { credentials: CredentialSink },
  record: (o: StepOutcome, skip?: SkipDecision) => void,
): Promise<void> {
  const done = new Set<string>();
  /** Steps still provisioning (an order poll ran out of time) or waiting themselves: their dependents wait too. */
  const deferred = new Map<string, "provisioning" | "waiting">();
  let failed = false;
  for (const step of steps) {
    const base = { id: step.id, address: step.address, customer: step.customer, action: step.action };
    if (failed) {
      record({ ...base, outcome: "not-started", reason: "an earlier step of this customer failed" });
      continue;
    }
    const interrupted = options.interrupted?.();
    if (interrupted !== undefined) {
      failed = true;
      record({
        ...base,
        outcome: "failed",
        error: {
          code: interrupted.code,
          message: interrupted.message,
          ...(interrupted.hint ? { hint: interrupted.hint } : {}),
        },
      });
      continue;
    }
    const refusal = options.spendRefused?.get(step.id);
    const skip =
      refusal !== undefined && step.status === "ready"
        ? ({ outcome: "skipped", reason: refusal, kind: "needs-approval" } as const)
        : skipReason(step, options.allowDestructive === true, done, deferred, steps);
    if (skip?.outcome === "waiting") deferred.set(step.id, "waiting");
    if (skip !== undefined) {
      record({ ...base, outcome: skip.outcome, reason: skip.reason }, skip);
      continue;
    }
    try {
      // Every write of the step carries a key derived from what it means: a second process making the same write replays it.
      const operation = () =>
        operations[step.action](step, { client: options.client, state, credentials: options.credentials });
      const detail = await withFreshTenantRetry(
        (attempt, runKeys) => (runKeys ? operation() : withWriteKeys(writeMeaning(step, state, attempt), operation)),
        state,
        options,
        step.action !== "create-user",
      );
      if (detail?.provisioning === "pending") deferred.set(step.id, "provisioning");
      else done.add(step.id);
      record({
        ...base,
        outcome: detail?.provisioning === "pending" ? "pending" : "applied",
        ...(detail ? { detail } : {}),
      });
    } catch (error) {
      failed = true;
      const e: StepOutcome["error"] =
        error instanceof CspctlError
          ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
          : { code: "apply.step_failed", message: error instanceof Error ? error.message : String(error) };
      record({ ...base, outcome: "failed", error: e });
    }
  }
}

const DEFAULT_FRESH_TENANT_RETRY = { attempts: 6, delayMs: 5_000 };

/** Partner Center needs a few minutes before a new tenant can buy or get users (404/60003): wait briefly, only then. */
/**
 * Partner Center answers a key it has seen with its first answer, a refusal included, even in a later
 * run after the cause is gone (a slow-start tenant, a limit since raised). After a refusal under the
 * derived keys, the step asks once more under keys of this run's own (`runKeys`).
 */
async function withFreshTenantRetry<T>(
  run: (attempt: number, runKeys: boolean) => Promise<T>,
  state: CustomerRunState,
  options: ApplyOptions,
  derivedKeys: boolean,
): Promise<T> {
  const policy = options.freshTenantRetry ?? DEFAULT_FRESH_TENANT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let runKeys = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt, runKeys);
    } catch (error) {
      const notReady =
        error instanceof PartnerCenterError && error.status === 404 && String(error.serviceCode) === "60003";
      if (notReady && state.freshTenant && attempt < policy.attempts) {
        await sleep(policy.delayMs * attempt);
        continue;
      }
      const status = error instanceof PartnerCenterError ? (error.status ?? 0) : 0;
      if (status < 400 || status >= 500 || !derivedKeys || runKeys) throw error;
      runKeys = true;
    }
  }
}

function skipReason(
  step: PlanStep,
  allowDestructive: boolean,
  done: ReadonlySet<string>,
  deferred: ReadonlyMap<string, "provisioning" | "waiting">,
  steps: readonly PlanStep[],
): SkipDecision | undefined {
  if (step.status === "blocked")
    return { outcome: "skipped", reason: `blocked: ${step.blocked?.code ?? "plan rule"}`, kind: "blocked" };
  if (step.status === "waiting")
    return {
      outcome: "waiting",
      reason: `waiting for ${step.waitingFor ?? "the customer to accept the reseller invitation"}`,
      kind: "waiting",
    };
  // observe: the estate asks apply never to write this customer, so it does not count against convergence
  if (step.status === "observe") return { outcome: "skipped", reason: "policy.mode is observe", kind: undefined };
  if (step.protected && !allowDestructive)
    return {
      outcome: "skipped",
      reason: "destructive step of a protected customer: run with --allow-destructive",
      kind: "needs-flag",
    };
  const ids = new Set(steps.map((s) => s.id));
  const missing = step.dependsOn.find((id) => ids.has(id) && !done.has(id));
  if (missing !== undefined && deferred.get(missing) === "provisioning")
    return {
      outcome: "waiting",
      reason: `waits for ${missing}: its order is still provisioning; run apply again once it completes`,
      kind: "waiting",
    };
  if (missing !== undefined && deferred.get(missing) === "waiting")
    return { outcome: "waiting", reason: `waits for ${missing}, which is waiting`, kind: "waiting" };
  if (missing !== undefined)
    return { outcome: "skipped", reason: `depends on ${missing}, which did not apply`, kind: "not-applied" };
  return undefined;
}

/**
 * The id of the first step that differs between a saved plan and the plan made now (JSON-equal steps
 * are the same). Money and approval are left out: the rest of a term shrinks by the hour, and the
 * approval is the run's, not the state's.
 */
function firstDifferingStep(saved: readonly PlanStep[], current: readonly PlanStep[]): string | undefined {
  const length = Math.max(saved.length, current.length);
  const writes = (step: PlanStep | undefined): string => {
    if (step === undefined) return "";
    const { money: _money, approval: _approval, ...rest } = step;
    return JSON.stringify(rest);
  };
  for (let i = 0; i < length; i++) {
    if (writes(saved[i]) !== writes(current[i])) return saved[i]?.id ?? current[i]!.id;
  }
  return undefined;
}
