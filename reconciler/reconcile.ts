// reconcile(): the one path from an estate to Partner Center, used by `cspctl apply`, the demo, the
// bench and the Pulumi layer, so no front end can leave a safety check out:
//   read → plan → checks (unknown state, where secrets go, confirmation) → lock the customers the
//   plan writes → read them again and check the plan against what is there now → apply (each step
//   read back) → release → report.
// The lock is held from the re-read to the last write, so two runs on the same customers take turns
// and the second plans from what the first did; runs on different customers go on in parallel.
import type { CspClient } from "../client/index.js";
import { CspctlError } from "../core/errors.js";
import { applyPlan } from "./apply/apply-plan.js";
import type { ApplyReport, StepOutcome } from "./apply/apply-report.js";
import type { CredentialSink } from "./apply/credentials.js";
import { recordConsent } from "./apply/consent-log.js";
import { readInvitationLog, recordInvitation } from "./apply/invitation-log.js";
import type { ApplyClient } from "./apply/operation-context.js";
import { recheckPlan } from "./apply/recheck.js";
import { acquireEstateLock, type EstateLock, type LockBackend } from "./lock/estate-lock.js";
import { releaseOnSignals } from "./lock/release-on-signals.js";
import type { DesiredEstate } from "./model/desired-estate.js";
import { applySpendApproval } from "./money/approval.js";
import type { PriceBook } from "./money/price-book.js";
import { readPrices } from "./money/read-prices.js";
import { customersChangedBy } from "./plan/fingerprint.js";
import { hasChanges, type Plan, type PlanStep } from "./plan/plan.js";
import { planEstate, selectCustomers, type CustomerSelection, type SnapshotUse } from "./plan-estate.js";
import { markStale } from "./snapshot/snapshot-file.js";
import type { ReadClient } from "./read/read-actual.js";

export type ReconcileClient = ApplyClient & ReadClient & Pick<CspClient, "config" | "correlationId">;

export interface ReconcileOptions {
  client: ReconcileClient;
  estate: DesiredEstate;
  selection?: CustomerSelection;
  /** `--all`: undeclared customers are read and reported as unmanaged. */
  all?: boolean;
  /**
   * A plan made earlier: saved by `cspctl plan --out` (`kind: "saved"`, refused if Partner Center
   * changed since), or just made by the caller (`kind: "fresh"`, the Pulumi layer's slice: planned
   * again under the lock like a plan made here).
   */
  planned?: { kind: "saved" | "fresh"; plan: Plan };
  /** Keep only these steps (the Pulumi layer applies one resource's steps). */
  select?: (step: PlanStep) => boolean;
  /** The service's clock (an emulator's may have been moved); default: the time of the read. */
  now?: () => Date | Promise<Date>;
  /** The file where the reseller invitations cspctl showed are kept: read before planning, appended to when one is sent. */
  invitationLog?: string;
  /** The file where the application consents this run grants, changes or removes are recorded (nothing else says who granted one). */
  consentLog?: string;
  /** Where price sheets are cached, one file per market and month (the state directory's `price-sheets/`). */
  priceCacheDir?: string;
  /** The snapshot of actual state the read starts from and writes; the customers apply writes are marked for a full read. */
  snapshot?: SnapshotUse;
  /**
   * Where generated passwords and new admin credentials go. Required: without a sink, a plan that
   * generates one is refused before anything is written.
   */
  credentials: CredentialSink | undefined;
  /** The lock backend (`noLockBackend` only when the user chose `--lock none`) and how long to wait for it. */
  lock: { backend: LockBackend; timeoutMs: number; operation?: string };
  /** Release the lock on SIGINT/SIGTERM (the CLI); default true. */
  releaseOnSignals?: boolean;
  allowUnknown?: boolean;
  allowDestructive?: boolean;
  /**
   * `--approve-spend AMOUNT`: the monthly spend increase (at cost, in the customers' currency) this run
   * approves. Steps over a policy.approval threshold run only when it covers what the plan needs (or a
   * saved plan records such an approval); otherwise they are skipped and the run does not converge.
   */
  approveSpend?: number;
  concurrency?: number;
  /** Customers read at the same time while planning (default: readActual's). */
  readConcurrency?: number;
  /** The plan as made (or saved), before any check: the CLI renders it. */
  onPlan?: (plan: Plan) => void;
  /** Asked before the lock is taken; throws to cancel. A confirmed plan is refused, not re-made, if Partner Center changed. */
  confirm?: (plan: Plan) => Promise<void>;
  onCustomerRead?: (name: string, done: number, total: number) => void;
  onLocked?: (lock: EstateLock) => void;
  onStep?: (outcome: StepOutcome) => void;
  freshTenantRetry?: { attempts: number; delayMs: number };
  sleep?: (ms: number) => Promise<void>;
}

export interface ReconcileResult {
  /** The plan shown to the user (as made or saved). */
  plan: Plan;
  /** What apply did, with the estate's convergence; when the plan had nothing to change, the steps that still wait or are held back. */
  report: ApplyReport;
  /** False when the plan had nothing to change: nothing was locked, re-read or written. */
  wrote: boolean;
}

export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const { client, estate } = options;
  const selection = options.selection ?? {};
  const all = options.all === true;
  const select = (plan: Plan): Plan => (options.select ? { ...plan, steps: plan.steps.filter(options.select) } : plan);
  const invitations = options.invitationLog ? readInvitationLog(options.invitationLog) : [];
  let prices: PriceBook | undefined;
  let plan: Plan;
  if (options.planned) plan = select(options.planned.plan);
  else {
    const made = await planEstate(client, estate, {
      selection,
      all,
      invitations,
      ...(options.readConcurrency ? { concurrency: options.readConcurrency } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.onCustomerRead ? { onCustomerRead: options.onCustomerRead } : {}),
      ...(options.priceCacheDir ? { priceCacheDir: options.priceCacheDir } : {}),
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    });
    prices = made.prices;
    plan = select(made.plan);
  }
  // the run's approval is recorded in the plan before anyone sees it (the JSON plan, the prompt, the report)
  applySpendApproval(plan, options.approveSpend);
  options.onPlan?.(plan);
  if (!options.allowUnknown) refuseUnknown(plan);
  // Nothing to write, but steps may still wait (an invitation, an order) or need a flag: applyPlan only accounts for them.
  if (!hasChanges(plan) && options.planned?.kind !== "saved")
    return { plan, report: await applyPlan(plan, { client, estate }), wrote: false };
  requireCredentialSink(plan, options.credentials);
  await options.confirm?.(plan);
  // A plan the user saw and approved (saved, or confirmed at the prompt) is applied as it is or not at all.
  const approved = options.planned?.kind === "saved" || options.confirm !== undefined;

  const changed = customersChangedBy(plan, estate.customers);
  const lock = await acquireEstateLock({
    backend: options.lock.backend,
    partnerTenant: client.config.tenantId,
    customers: changed.map((c) => c.company.domain),
    operation: options.lock.operation ?? "apply",
    runId: client.correlationId,
    timeoutMs: options.lock.timeoutMs,
  });
  const stopReleasing = options.releaseOnSignals === false ? () => undefined : releaseOnSignals(lock.release);
  try {
    options.onLocked?.(lock);
    // a plan made elsewhere but not saved (the Pulumi layer's) is planned again here: price it too
    if (prices === undefined && options.planned?.kind === "fresh")
      prices = await readPrices(client, selectCustomers(estate, selection));
    const recheck = recheckPlan(plan, {
      client,
      ...(prices === undefined ? {} : { prices }),
      customers: selectCustomers(estate, selection),
      declaredElsewhere: estate.customers,
      now: options.now ?? (() => new Date()),
      all,
      invitations,
    });
    const actual = await recheck.reread();
    // An approved plan is checked against what is there now (applyPlan refuses it if stale); any other
    // is planned again from it, under the lock: what another run did meanwhile is not done twice.
    const toApply = approved ? plan : select(await recheck.replan(actual));
    if (toApply !== plan && plan.approval?.approved !== undefined && toApply.approval !== undefined)
      toApply.approval.approved = plan.approval.approved; // a saved plan's approval, carried to the plan made again
    // Before the first write, so that a run killed mid-apply leaves them marked: the snapshot never claims what apply changed.
    if (options.snapshot)
      markStale(
        options.snapshot.file,
        options.snapshot.partnerTenantId,
        changed.map((c) => c.name),
      );
    const spendRefused = applySpendApproval(toApply, options.approveSpend);
    const sink = options.credentials ?? refusingSink();
    const report = await applyPlan(toApply, {
      client,
      estate,
      credentials: sink,
      ...(spendRefused.size > 0 ? { spendRefused } : {}),
      ...(approved ? { reread: async () => actual, replan: async (a) => select(await recheck.replan(a)) } : {}),
      ...(options.allowDestructive ? { allowDestructive: true } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.freshTenantRetry ? { freshTenantRetry: options.freshTenantRetry } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      interrupted: () => {
        const lost = lock.lost();
        return lost && { code: lost.code, message: lost.message, ...(lost.hint ? { hint: lost.hint } : {}) };
      },
      onStep: (outcome) => {
        if (options.invitationLog) rememberInvitation(options.invitationLog, estate, outcome);
        if (options.consentLog) recordConsent(options.consentLog, outcome, client.correlationId, new Date());
        options.onStep?.(outcome);
      },
    });
    return { plan, report, wrote: true };
  } finally {
    stopReleasing();
    await lock.release();
  }
}

/** Part of Partner Center could not be read: refuse, so that "nothing to do" is never claimed over an unread state. */
export function refuseUnknown(plan: Plan): void {
  const unknown = plan.findings.filter((f) => f.kind === "unknown");
  if (unknown.length === 0) return;
  throw new CspctlError({
    code: "plan.unknown_state",
    message: `${unknown.length} part(s) of the estate could not be read from Partner Center (first: ${unknown[0]!.address}: ${unknown[0]!.message})`,
    hint: "fix the cause (credentials, network, permissions) and run again; --allow-unknown goes on without them (they are never written)",
  });
}

/** Steps that create a secret: users with a generated password, and new tenants (their first admin). */
function generatesSecrets(plan: Plan): number {
  return plan.steps.filter(
    (s) =>
      s.status === "ready" &&
      (s.action === "create-customer" || (s.action === "create-user" && s.after?.password === "(generated)")),
  ).length;
}

function requireCredentialSink(plan: Plan, sink: CredentialSink | undefined): void {
  const count = generatesSecrets(plan);
  if (sink !== undefined || count === 0) return;
  throw new CspctlError({
    code: "apply.credentials_out_required",
    message: `the plan creates ${count} account(s) with a generated password or new admin credentials, and there is nowhere safe to put them`,
    hint: "pass --credentials-out FILE (created 0600); the secrets are written only there, never to the terminal or logs",
  });
}

/**
 * For a plan re-made under the lock that now generates a secret the first one did not (rare: an
 * object deleted meanwhile): the write is refused rather than its secret lost.
 */
function refusingSink(): CredentialSink {
  return {
    record() {
      throw new CspctlError({
        code: "apply.credentials_out_required",
        message: "a step generates a password or admin credentials, and there is nowhere safe to put them",
        hint: "pass --credentials-out FILE (created 0600) and run apply again",
      });
    },
    get count() {
      return 0;
    },
  };
}

function rememberInvitation(path: string, estate: DesiredEstate, outcome: StepOutcome): void {
  if (
    outcome.action !== "send-invitation" ||
    outcome.outcome !== "applied" ||
    typeof outcome.detail?.invitationUrl !== "string"
  )
    return;
  const desired = estate.customers.find((c) => c.name === outcome.customer);
  if (desired === undefined) return;
  recordInvitation(path, {
    customer: outcome.customer,
    domain: desired.company.domain,
    tenantId: desired.tenant.id ?? null,
    url: outcome.detail.invitationUrl,
    sentAt: new Date().toISOString(),
  });
}
