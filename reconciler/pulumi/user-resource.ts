// The User resource: created, updated and disabled through the planner's user steps. A generated
// password exists only in the create result; the resource lists it in additionalSecretOutputs.
import { CspctlError } from "../../core/errors.js";
import { userAddress } from "../model/address.js";
import { matchUser } from "../plan/match.js";
import type { ActualUser } from "../read/actual-estate.js";
import { withResourceClient } from "./resource-connection.js";
import { customerDocument, loadCustomerDocument, requireCustomerDocument } from "./resource-estate.js";
import {
  changedKeys,
  isPending,
  pendingDiff,
  only,
  outputsOf,
  PENDING_PREFIX,
  replacedPaths,
  type ResourceHandler,
} from "./resource-handler.js";
import type { Inputs, Outputs, UserInputs } from "./resource-inputs.js";
import { applySlice, notWrittenReason, passwordSet, planSlice, warningError } from "./reconcile-slice.js";
import { containsUnknown } from "./unknown-values.js";

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
  const desired = await requireCustomerDocument(documentOf(inputs), address);
  return withResourceClient(async (client) => {
    const slice = await planSlice(client, desired, (s) => s.address === address);
    const waiting = slice.customer === undefined ? notWrittenReason(slice) : undefined;
    if (waiting)
      return {
        id: expectId ?? `${PENDING_PREFIX}${address}`,
        outs: outputsOf(inputs as unknown as Inputs, address, waiting.status, { userId: null }, waiting.reason),
      };
    if (slice.customer === undefined)
      throw new CspctlError({
        code: "provider.customer_missing",
        address,
        message: `the customer ${inputs.customer.company.domain} does not exist in Partner Center`,
        hint: "create its Customer resource first (make this resource depend on it)",
      });
    const result = await applySlice(client, slice);
    const after = await planSlice(client, desired, () => false);
    const found = matchUser(inputs.user.userPrincipalName, after.customer?.users ?? []);
    if (found === undefined) {
      const why = notWrittenReason(after);
      if (why)
        return {
          id: expectId ?? `${PENDING_PREFIX}${address}`,
          outs: outputsOf(inputs as unknown as Inputs, address, why.status, { userId: null }, why.reason),
        };
      throw (
        warningError(after, address) ??
        new CspctlError({
          code: "provider.not_converged",
          address,
          message: `${address} is not in the tenant after apply`,
          hint: "run pulumi up again",
        })
      );
    }
    const password = passwordSet(result, address)?.password;
    return {
      id: found.id,
      outs: outputsOf(inputs as unknown as Inputs, address, "exists", {
        ...computed(found, after.customer!.id),
        ...(password ? { password } : {}),
      }),
    };
  });
}

export const userHandler: ResourceHandler = {
  async check(_olds, news) {
    if (containsUnknown(news)) return { inputs: news };
    const inputs = only<UserInputs>(news, INPUT_KEYS);
    if (inputs.customer === undefined || inputs.user === undefined)
      return {
        inputs: news,
        failures: [
          {
            property: inputs.customer ? "user" : "customer",
            reason: "provider.invalid_inputs: customer and user are required",
          },
        ],
      };
    const loaded = await loadCustomerDocument(documentOf(inputs));
    return loaded.valid ? { inputs: news } : { inputs: news, failures: loaded.failures };
  },
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
