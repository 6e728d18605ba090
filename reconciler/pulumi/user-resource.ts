// The User resource: created, updated and disabled through the planner's user steps. A generated
// password exists only in the create result; the resource lists it in additionalSecretOutputs.
import { userAddress } from "../model/address.js";
import { matchUser } from "../plan/match.js";
import type { ActualUser } from "../read/actual-estate.js";
import { withResourceClient } from "./resource-connection.js";
import { customerDocument, requireCustomerDocument } from "./resource-estate.js";
import { changedKeys, isPending, pendingDiff, only, replacedPaths, type ResourceHandler } from "./resource-handler.js";
import type { Inputs, Outputs, UserInputs } from "./resource-inputs.js";
import { checkChild, reconcileChild } from "./child-resource.js";
import { applySlice, passwordSet, planSlice } from "./reconcile-slice.js";

const INPUT_KEYS = ["customer", "user"] as const;
/** A user is matched by its UPN: another UPN is another user. */
const REPLACES = ["user.userPrincipalName", "customer.company.domain", "customer.name"];

const addressOf = (inputs: UserInputs): string => userAddress(inputs.customer.name, inputs.user.userPrincipalName);
const documentOf = (inputs: UserInputs, enabled?: false) =>
  customerDocument(inputs.customer, { user: enabled === false ? { ...inputs.user, enabled } : inputs.user });

function computed(actual: ActualUser, customerId: string): Record<string, unknown> {
  return { userId: actual.id, customerId, displayName: actual.displayName, enabled: actual.enabled };
}

async function reconcile(inputs: UserInputs, expectId?: string): Promise<{ id: string; outs: Outputs }> {
  const address = addressOf(inputs);
  return reconcileChild({
    inputs: inputs as unknown as Inputs,
    address,
    desired: await requireCustomerDocument(documentOf(inputs), address),
    expectId,
    absentOutputs: { userId: null },
    find(after, applied) {
      const found = matchUser(inputs.user.userPrincipalName, after.customer?.users ?? []);
      if (found === undefined) return undefined;
      const password = passwordSet(applied, address)?.password;
      return { id: found.id, outputs: { ...computed(found, after.customer!.id), ...(password ? { password } : {}) } };
    },
    notConverged: { message: `${address} is not in the tenant after apply`, hint: "run pulumi up again" },
  });
}

export const userHandler: ResourceHandler = {
  check: (_olds, news) => checkChild<UserInputs>(news, INPUT_KEYS, ["customer", "user"], documentOf),

  async diff(id, olds, news) {
    const replaces = replacedPaths(REPLACES, olds, news);
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
    if (isPending(id))
      return pendingDiff(
        olds,
        news,
        INPUT_KEYS,
        () => documentOf(only<UserInputs>(news, INPUT_KEYS)),
        (s) => s.address === addressOf(only<UserInputs>(news, INPUT_KEYS)),
      );
    return { changes: changedKeys(INPUT_KEYS, olds, news).length > 0 };
  },
  create: (inputs) => reconcile(only<UserInputs>(inputs, INPUT_KEYS)),
  async update(id, olds, news) {
    const { outs } = await reconcile(only<UserInputs>(news, INPUT_KEYS), id);
    return { outs: { ...(olds.password ? { password: olds.password } : {}), ...outs } };
  },
  async read(id, props) {
    if (isPending(id)) return { id, props };
    const inputs = only<UserInputs>(props, INPUT_KEYS);
    const desired = await requireCustomerDocument(documentOf(inputs), addressOf(inputs));
    return withResourceClient(async (client) => {
      const slice = await planSlice(client, desired, () => false);
      const actual = slice.customer?.users?.find((u) => u.id === id);
      if (actual === undefined) return {};
      const user = {
        ...inputs.user,
        displayName: actual.displayName,
        enabled: actual.enabled,
        ...(actual.firstName ? { firstName: actual.firstName } : {}),
        ...(actual.lastName ? { lastName: actual.lastName } : {}),
      };
      const refreshed = { ...inputs, user } as UserInputs;
      return {
        id,
        props: { ...props, ...refreshed, ...computed(actual, slice.customer!.id) },
        inputs: refreshed as unknown as Inputs,
      };
    });
  },
  /** Like cspctl's prune, a removed user is disabled (sign-in blocked), never deleted with its mailbox. */
  async delete(id, props) {
    if (isPending(id)) return;
    const inputs = only<UserInputs>(props, INPUT_KEYS);
    const address = addressOf(inputs);
    const desired = await requireCustomerDocument(documentOf(inputs, false), address);
    await withResourceClient(async (client) =>
      applySlice(client, await planSlice(client, desired, (s) => s.address === address)),
    );
  },
};
