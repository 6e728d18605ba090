// The create/update path every resource inside a customer shares (Subscription, User,
// LicenseAssignment): plan the customer's slice, stop when the customer is missing or waiting, apply
// the resource's steps, read back, and either return the object found or say why it is not there.
import { CspctlError } from "../../core/errors.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import {
  applySlice,
  notWrittenReason,
  planSlice,
  type SlicePlan,
  type SliceResult,
  warningError,
} from "./reconcile-slice.js";
import { withResourceClient } from "./resource-connection.js";
import { isPending, only, outputsOf, PENDING_PREFIX } from "./resource-handler.js";
import { type CustomerDocument, loadCustomerDocument } from "./resource-estate.js";
import { containsUnknown } from "./unknown-values.js";
import type { CheckFailure, Inputs, Outputs, ResourceStatus } from "./resource-inputs.js";

export interface ChildReconcile {
  inputs: Inputs;
  address: string;
  desired: DesiredCustomer;
  /** The resource's id when updating; a different object found then is an identity change. */
  expectId: string | undefined;
  /** The computed outputs of an object that does not exist (yet), e.g. `{ userId: null }`. */
  absentOutputs: Record<string, null>;
  /** The object after apply, with its id and computed outputs, or undefined when it is not there. */
  find(after: SlicePlan, applied: SliceResult): { id: string; outputs: Record<string, unknown> } | undefined;
  /** Why the object may rightly be absent after apply (a subscription declared cancelled). */
  absentReason?: string;
  /** What `provider.not_converged` says when the object is absent for no known reason. */
  notConverged: { message: string; hint: string };
  /** Checked only when set: the hint of `provider.identity_changed`. */
  identityHint?: string;
}

export function reconcileChild(spec: ChildReconcile): Promise<{ id: string; outs: Outputs }> {
  const { address, inputs } = spec;
  const notThere = (status: ResourceStatus, reason: string) => ({
    id: spec.expectId ?? `${PENDING_PREFIX}${address}`,
    outs: outputsOf(inputs, address, status, spec.absentOutputs, reason),
  });
  return withResourceClient(async (client) => {
    const slice = await planSlice(client, spec.desired, (s) => s.address === address);
    const waiting = slice.customer === undefined ? notWrittenReason(slice) : undefined;
    if (waiting) return notThere(waiting.status, waiting.reason);
    if (slice.customer === undefined)
      throw new CspctlError({
        code: "provider.customer_missing",
        address,
        message: `the customer ${spec.desired.company.domain} does not exist in Partner Center`,
        hint: "create its Customer resource first (make this resource depend on it)",
      });
    const applied = await applySlice(client, slice);
    const after = await planSlice(client, spec.desired, () => false);
    const found = spec.find(after, applied);
    if (found === undefined) {
      const why = notWrittenReason(after);
      if (why) return notThere(why.status, why.reason);
      if (spec.absentReason !== undefined) return notThere("absent", spec.absentReason);
      throw (
        warningError(after, address) ??
        new CspctlError({ code: "provider.not_converged", address, ...spec.notConverged })
      );
    }
    const { expectId } = spec;
    if (spec.identityHint !== undefined && expectId !== undefined && !isPending(expectId) && expectId !== found.id)
      throw new CspctlError({
        code: "provider.identity_changed",
        address,
        message: `${address} now matches ${found.id}, not ${expectId}`,
        hint: spec.identityHint,
      });
    return { id: found.id, outs: outputsOf(inputs, address, "exists", found.outputs) };
  });
}

/** Pulumi's check of a child resource: its required inputs, then the customer document they build, validated as `cspctl validate` would. */
export async function checkChild<T extends object>(
  news: Inputs,
  keys: readonly string[],
  required: ReadonlyArray<keyof T & string>,
  documentOf: (inputs: T) => CustomerDocument,
): Promise<{ inputs: Inputs; failures?: CheckFailure[] }> {
  if (containsUnknown(news)) return { inputs: news };
  const inputs = only<T>(news, keys);
  const missing = required.find((key) => inputs[key] === undefined || inputs[key] === null);
  if (missing !== undefined) {
    const list = `${required.slice(0, -1).join(", ")} and ${required.at(-1)}`;
    return { inputs: news, failures: [{ property: missing, reason: `provider.invalid_inputs: ${list} are required` }] };
  }
  const loaded = await loadCustomerDocument(documentOf(inputs));
  return loaded.valid ? { inputs: news } : { inputs: news, failures: loaded.failures };
}
