// The shape every resource kind implements: the six calls of a Pulumi dynamic provider, over plain
// JSON inputs and outputs. The provider objects in provider/ forward to these and hold nothing.
import type { PlanStep } from "../plan/plan.js";
import { sliceHasWork } from "./reconcile-slice.js";
import { withResourceClient } from "./resource-connection.js";
import { requireCustomerDocument, type CustomerDocument } from "./resource-estate.js";
import type { CheckFailure, Inputs, Outputs, ResourceStatus } from "./resource-inputs.js";
import { RESOURCE_OUTPUT_VERSION } from "./resource-inputs.js";
import { containsUnknown, sameJson, toPlainJson } from "./unknown-values.js";

export interface DiffAnswer {
  changes: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

export interface ResourceHandler {
  check(olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures?: CheckFailure[] }>;
  diff(id: string, olds: Outputs, news: Inputs): Promise<DiffAnswer>;
  create(inputs: Inputs): Promise<{ id: string; outs: Outputs }>;
  update(id: string, olds: Outputs, news: Inputs): Promise<{ outs: Outputs }>;
  /** An empty result (no id) tells the engine the object is gone. */
  read(id: string, props: Outputs): Promise<{ id?: string; props?: Outputs; inputs?: Inputs }>;
  delete(id: string, props: Outputs): Promise<void>;
}

/** Ids of objects that are declared but not in Partner Center (waiting for an invitation, or observe mode). */
export const PENDING_PREFIX = "pending:";

export const isPending = (id: string): boolean => id.startsWith(PENDING_PREFIX);

/** Outputs = the inputs (what diff compares next time) + what Partner Center says, as plain JSON. */
export function outputsOf(
  inputs: Inputs,
  address: string,
  status: ResourceStatus,
  computed: Record<string, unknown>,
  statusReason?: string,
): Outputs {
  return toPlainJson({
    ...inputs,
    ...computed,
    outputVersion: RESOURCE_OUTPUT_VERSION,
    address,
    status,
    ...(statusReason ? { statusReason } : {}),
  });
}

/** The input keys whose values differ between the old outputs and the new inputs (never `__provider`). */
export function changedKeys(inputKeys: readonly string[], olds: Outputs, news: Inputs): string[] {
  return inputKeys.filter((key) => !sameJson(olds[key], news[key]));
}

/** Pulls a nested field (`company.domain`) out of a value, for replacement rules. */
function field(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/** Replacement keys: the dotted paths among `paths` whose values differ (unknown counts as changed). */
export function replacedPaths(paths: readonly string[], olds: Outputs, news: Inputs): string[] {
  return paths.filter((path) => {
    const after = field(news, path);
    return containsUnknown(after) || !sameJson(field(olds, path), after);
  });
}

export function only<T>(inputs: Inputs, keys: readonly string[]): T {
  return Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]])) as T;
}

/**
 * Diff of a resource recorded as not written (waiting, observed, absent). If a run would now write
 * (the invitation was accepted, observe mode ended), it is replaced, so the real object gets a real
 * id in state (an update cannot change an id, and deleting a pending id does nothing).
 */
export async function pendingDiff(
  olds: Outputs,
  news: Inputs,
  keys: readonly string[],
  build: () => CustomerDocument,
  select: (step: PlanStep) => boolean,
): Promise<DiffAnswer> {
  if (containsUnknown(news)) return { changes: true };
  const desired = await requireCustomerDocument(build(), String(olds.address ?? "resource"));
  if (await withResourceClient((client) => sliceHasWork(client, desired, select)))
    return { changes: true, replaces: ["status"], deleteBeforeReplace: true };
  return { changes: changedKeys(keys, olds, news).length > 0 };
}
