// The Subscription resource (an add-on is a Subscription with a `base`): bought, resized, updated and
// cancelled through the planner's subscription steps, so the NCE rules block what Partner Center would
// refuse, with the planner's hint, already at preview (diff).
import { subscriptionAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchSubscriptions } from "../plan/match.js";
import type { ActualSubscription } from "../read/actual-estate.js";
import { withResourceClient } from "./resource-connection.js";
import { customerDocument, requireCustomerDocument } from "./resource-estate.js";
import { changedKeys, isPending, pendingDiff, only, replacedPaths, type ResourceHandler } from "./resource-handler.js";
import type { Inputs, Outputs, SubscriptionInputs } from "./resource-inputs.js";
import { checkChild, reconcileChild } from "./child-resource.js";
import { applySlice, blockedError, planSlice, type SlicePlan } from "./reconcile-slice.js";
import { containsUnknown } from "./unknown-values.js";

const INPUT_KEYS = ["customer", "subscription", "base"] as const;
/** Partner Center cannot change these in place: another offer, term or billing cycle is another subscription. */
const REPLACES = [
  "subscription.offer",
  "subscription.term",
  "subscription.billing",
  "subscription.name",
  "base.name",
  "base.offer",
  "customer.company.domain",
  "customer.name",
];

const addressOf = (inputs: SubscriptionInputs): string =>
  subscriptionAddress(inputs.customer.name, inputs.subscription.name);
const documentOf = (inputs: SubscriptionInputs, state?: "cancelled") =>
  customerDocument(inputs.customer, {
    subscription: state ? { ...inputs.subscription, state } : inputs.subscription,
    ...(inputs.base ? { base: inputs.base } : {}),
  });

function matched(slice: SlicePlan, desired: DesiredCustomer, name: string): ActualSubscription | undefined {
  return matchSubscriptions(desired.address, desired.subscriptions, slice.customer?.subscriptions ?? []).matched.get(
    name,
  );
}

function computed(actual: ActualSubscription, customerId: string): Record<string, unknown> {
  return {
    subscriptionId: actual.id,
    customerId,
    offerId: actual.offerId,
    quantity: actual.quantity,
    autoRenew: actual.autoRenew,
    partnerCenterStatus: actual.status,
    isTrial: actual.isTrial,
    termEndDate: actual.termEndDate,
    parentSubscriptionId: actual.parentSubscriptionId,
  };
}

async function reconcile(inputs: SubscriptionInputs, expectId?: string): Promise<{ id: string; outs: Outputs }> {
  const address = addressOf(inputs);
  const desired = await requireCustomerDocument(documentOf(inputs), address);
  return reconcileChild({
    inputs: inputs as unknown as Inputs,
    address,
    desired,
    expectId,
    absentOutputs: { subscriptionId: null },
    find(after) {
      const found = matched(after, desired, inputs.subscription.name);
      return found && { id: found.id, outputs: computed(found, after.customer!.id) };
    },
    ...(inputs.subscription.state === "cancelled"
      ? { absentReason: "declared cancelled: nothing to buy, nothing left to cancel" }
      : {}),
    notConverged: {
      message: `${address} is not in Partner Center after apply`,
      hint: "run pulumi up again; it re-reads Partner Center before buying, so nothing is bought twice",
    },
    identityHint: "give each subscription of the same offer a distinct friendlyName",
  });
}

/** Preview-time NCE rules: the change must be allowed now (e.g. a decrease inside the 7-day window). */
async function assertAllowed(inputs: SubscriptionInputs, state?: "cancelled"): Promise<void> {
  const address = addressOf(inputs);
  const desired = await requireCustomerDocument(documentOf(inputs, state), address);
  await withResourceClient(async (client) => {
    const blocked = blockedError((await planSlice(client, desired, (s) => s.address === address)).steps);
    if (blocked) throw blocked;
  });
}

export const subscriptionHandler: ResourceHandler = {
  check: (_olds, news) => checkChild<SubscriptionInputs>(news, INPUT_KEYS, ["customer", "subscription"], documentOf),

  async diff(id, olds, news) {
    const replaces = replacedPaths(REPLACES, olds, news);
    if (isPending(id))
      return pendingDiff(
        olds,
        news,
        INPUT_KEYS,
        () => documentOf(only<SubscriptionInputs>(news, INPUT_KEYS)),
        (s) => s.address === addressOf(only<SubscriptionInputs>(news, INPUT_KEYS)),
      );
    if (replaces.length > 0) {
      // deleteBeforeReplace: the old subscription is cancelled before a new one is bought, so a closed
      // cancellation window fails here, at preview, instead of leaving two paid subscriptions.
      await assertAllowed(only<SubscriptionInputs>(olds, INPUT_KEYS), "cancelled");
      return { changes: true, replaces, deleteBeforeReplace: true };
    }
    const changed = changedKeys(INPUT_KEYS, olds, news);
    if (changed.length > 0 && !containsUnknown(news)) await assertAllowed(only<SubscriptionInputs>(news, INPUT_KEYS));
    return { changes: changed.length > 0 };
  },
  create: (inputs) => reconcile(only<SubscriptionInputs>(inputs, INPUT_KEYS)),
  async update(id, _olds, news) {
    return { outs: (await reconcile(only<SubscriptionInputs>(news, INPUT_KEYS), id)).outs };
  },
  async read(id, props) {
    if (isPending(id)) return { id, props };
    const inputs = only<SubscriptionInputs>(props, INPUT_KEYS);
    const desired = await requireCustomerDocument(documentOf(inputs), addressOf(inputs));
    return withResourceClient(async (client) => {
      const slice = await planSlice(client, desired, () => false);
      const actual = slice.customer?.subscriptions?.find((s) => s.id === id);
      if (actual === undefined || actual.status === "deleted") return {};
      const state = actual.status === "suspended" ? "suspended" : inputs.subscription.state;
      const subscription = {
        ...inputs.subscription,
        quantity: actual.quantity,
        autoRenew: actual.autoRenew,
        ...(actual.friendlyName ? { friendlyName: actual.friendlyName } : {}),
        ...(state ? { state } : {}),
      };
      const refreshed = { ...inputs, subscription } as SubscriptionInputs;
      return {
        id,
        props: { ...props, ...refreshed, ...computed(actual, slice.customer!.id) },
        inputs: refreshed as unknown as Inputs,
      };
    });
  },
  async delete(id, props) {
    if (isPending(id)) return;
    const inputs = only<SubscriptionInputs>(props, INPUT_KEYS);
    const address = addressOf(inputs);
    const desired = await requireCustomerDocument(documentOf(inputs, "cancelled"), address);
    await withResourceClient(async (client) => {
      const slice = await planSlice(
        client,
        desired,
        (s) => s.address === address && s.action === "cancel" && s.target.subscriptionId === id,
      );
      await applySlice(client, slice);
    });
  },
};
