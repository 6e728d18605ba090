// Plans and applies one resource's slice of a customer with the same planner and apply operations as
// `cspctl apply`: read Partner Center, plan the one-customer slice, keep the steps that belong to the
// resource, and run them. Blocked steps surface as errors carrying the planner's own code and hint.
import type { CspClient } from "../../client/index.js";
import { CspctlError } from "../../core/errors.js";
import type { StepOutcome } from "../apply/apply-report.js";
import type { CredentialRecord, CredentialSink } from "../apply/credentials.js";
import type { DesiredCustomer, DesiredEstate } from "../model/desired-estate.js";
import { matchCustomer } from "../plan/match.js";
import { planChanges } from "../plan/plan-changes.js";
import type { Plan, PlanStep } from "../plan/plan.js";
import type { ActualCustomer, ActualEstate } from "../read/actual-estate.js";
import { readActual } from "../read/read-actual.js";
import { resolveLock } from "../lock/lock-config.js";
import { reconcile } from "../reconcile.js";
import { allowDestructive, resourceSetting } from "./resource-connection.js";

export interface SlicePlan {
  desired: DesiredCustomer;
  actual: ActualEstate;
  /** The matched customer in Partner Center, if it exists. */
  customer: ActualCustomer | undefined;
  plan: Plan;
  /** The plan's steps that belong to the resource. */
  steps: PlanStep[];
  /** Which steps belong to the resource. */
  select: (step: PlanStep) => boolean;
}

export async function planSlice(
  client: CspClient,
  desired: DesiredCustomer,
  select: (step: PlanStep) => boolean,
): Promise<SlicePlan> {
  const actual = await readActual(client, [desired]);
  const unreadable = actual.unknown.find(
    (u) => u.address === desired.address || u.address.startsWith(`${desired.address}/`),
  );
  if (unreadable) {
    throw new CspctlError({
      code: "provider.read_failed",
      address: unreadable.address,
      message: `${unreadable.address} could not be read: ${unreadable.cause}`,
      hint: "nothing was changed; run again once Partner Center answers",
    });
  }
  const plan = planChanges({ customers: [desired] }, actual, { now: new Date(actual.readAt) });
  return {
    desired,
    actual,
    customer: matchCustomer(desired, actual.customers),
    plan,
    steps: plan.steps.filter(select),
    select,
  };
}

/** The first blocked step as an error: the planner's code, message and hint, unchanged. */
export function blockedError(steps: readonly PlanStep[]): CspctlError | undefined {
  const blocked = steps.find((s) => s.status === "blocked");
  if (blocked === undefined) return undefined;
  return new CspctlError({
    code: blocked.blocked?.code ?? "plan.blocked",
    address: blocked.address,
    message: `${blocked.address} ${blocked.action}: ${blocked.blocked?.message ?? "blocked by a plan rule"}`,
    hint: blocked.blocked?.hint ?? "",
  });
}

export interface SliceResult {
  outcomes: StepOutcome[];
  credentials: CredentialRecord[];
}

/**
 * Runs the slice's ready steps through reconcile() (the lock of the customer, its re-read under the
 * lock, then the writes); throws unless every one of them applied.
 */
export async function applySlice(client: CspClient, slice: SlicePlan): Promise<SliceResult> {
  const blocked = blockedError(slice.steps);
  if (blocked) throw blocked;
  const credentials: CredentialRecord[] = [];
  const sink: CredentialSink = {
    record: (c) => void credentials.push(c),
    get count() {
      return credentials.length;
    },
  };
  if (slice.steps.every((s) => s.status !== "ready")) return { outcomes: [], credentials };
  const estate: DesiredEstate = { customers: [slice.desired], profiles: [], files: [], locate: () => undefined };
  const lock = await resolveLock(
    {
      lock: resourceSetting("lock"),
      lockTimeout: resourceSetting("lockTimeout"),
      azureUrl: resourceSetting("lockAzureUrl"),
      azureContainer: resourceSetting("lockAzureContainer"),
    },
    { stateDir: resourceSetting("stateDir") ?? ".cspctl" },
  );
  const reconciled = await oneAtATime(slice.desired.company.domain.toLowerCase(), () =>
    reconcile({
      client,
      estate,
      planned: { kind: "fresh", plan: { ...slice.plan, steps: slice.steps } },
      select: slice.select,
      credentials: sink,
      lock,
      allowDestructive: allowDestructive(),
      concurrency: 1,
      releaseOnSignals: false,
    }),
  );
  const report = reconciled.report ?? { outcomes: [] as StepOutcome[] };
  const failed = report.outcomes.find((o) => o.outcome === "failed");
  if (failed) {
    throw new CspctlError({
      code: failed.error?.code ?? "apply.step_failed",
      address: failed.address,
      message: `${failed.address} ${failed.action} failed: ${failed.error?.message ?? "unknown error"}`,
      hint:
        failed.error?.hint ??
        "run pulumi up again: it re-reads Partner Center and continues without repeating what was done",
    });
  }
  const skipped = report.outcomes.find((o) => o.outcome === "skipped" && o.reason?.startsWith("destructive"));
  if (skipped) {
    throw new CspctlError({
      code: "provider.destructive_refused",
      address: skipped.address,
      message: `${skipped.address} ${skipped.action} is destructive and the customer has policy.protect: true`,
      hint: "set the stack config cspctl:allowDestructive to true (or CSPCTL_ALLOW_DESTRUCTIVE=true) to allow it, or keep the object",
    });
  }
  return { outcomes: report.outcomes, credentials };
}

/** A planner warning about the resource (e.g. a licence SKU it cannot resolve) as an error: nothing was planned for it. */
export function warningError(slice: SlicePlan, address: string): CspctlError | undefined {
  const warning = slice.plan.warnings.find((w) => w.address === address);
  if (warning === undefined) return undefined;
  return new CspctlError({
    code: warning.code,
    address,
    message: `${address}: ${warning.message}`,
    hint: "cspctl plan shows the same warning; change the estate so the planner can act on it",
  });
}

/** For a resource recorded as not written: would a run now write something (invitation accepted, mode changed)? */
export async function sliceHasWork(
  client: CspClient,
  desired: DesiredCustomer,
  select: (step: PlanStep) => boolean,
): Promise<boolean> {
  return (await planSlice(client, desired, select)).steps.some((s) => s.status === "ready");
}

/**
 * The password a run set for an address: the sink's last record counts ("pending" precedes the write,
 * "created" follows it; "not-set" means a restored user kept its old password, so there is none to give).
 */
export function passwordSet(result: SliceResult, address: string): { userName: string; password: string } | undefined {
  const last = result.credentials.filter((c) => c.address === address).at(-1);
  return last !== undefined && (last.status === undefined || last.status === "created")
    ? { userName: last.userName, password: last.password }
    : undefined;
}

/** Why a slice wrote nothing although the object is missing: waiting for an invitation, or observe mode. */
export function notWrittenReason(slice: SlicePlan): { status: "waiting" | "observed"; reason: string } | undefined {
  if (slice.desired.policy.mode === "observe")
    return { status: "observed", reason: "the customer's policy.mode is observe: cspctl reports and never writes" };
  if (slice.customer === undefined && slice.desired.tenant.mode === "link") {
    return {
      status: "waiting",
      reason: `the customer ${slice.desired.company.domain} has not accepted the reseller invitation yet`,
    };
  }
  return undefined;
}

/**
 * Pulumi creates a customer's resources in parallel within one provider process: they take the
 * customer's lock one after another here, instead of finding it held by each other.
 */
const queues = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}
