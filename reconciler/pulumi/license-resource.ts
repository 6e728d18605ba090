// The LicenseAssignment resource: one licence of one user, assigned and unassigned through the
// planner's licence steps (seat capacity and service-plan rules included). Its id is `<userId>/<skuId>`.
import { findOffer } from "../../core/catalog.js";
import { licenseAddress, userAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchUser } from "../plan/match.js";
import type { ActualCustomer } from "../read/actual-estate.js";
import { withResourceClient } from "./resource-connection.js";
import { customerDocument, requireCustomerDocument } from "./resource-estate.js";
import { changedKeys, isPending, pendingDiff, only, replacedPaths, type ResourceHandler } from "./resource-handler.js";
import type { Inputs, LicenseAssignmentInputs, Outputs } from "./resource-inputs.js";
import { checkChild, reconcileChild } from "./child-resource.js";
import { applySlice, planSlice } from "./reconcile-slice.js";

const INPUT_KEYS = ["customer", "user", "license", "subscription", "base"] as const;
const REPLACES = [
  "license.subscription",
  "license.sku",
  "user.userPrincipalName",
  "customer.company.domain",
  "customer.name",
];

const addressOf = (inputs: LicenseAssignmentInputs): string =>
  licenseAddress(inputs.customer.name, inputs.user.userPrincipalName, inputs.license);
const documentOf = (inputs: LicenseAssignmentInputs, withLicense = true) =>
  customerDocument(inputs.customer, {
    user: inputs.user,
    ...(withLicense ? { license: inputs.license } : { prune: { users: false, licenses: true, subscriptions: false } }),
    ...(inputs.subscription ? { subscription: inputs.subscription } : {}),
    ...(inputs.base ? { base: inputs.base } : {}),
  });

/** The licence's SKU id in the tenant: the offer's licence SKU, or the multi-channel SKU by part number. */
function skuIdOf(
  inputs: LicenseAssignmentInputs,
  desired: DesiredCustomer,
  actual: ActualCustomer | undefined,
): string | undefined {
  if (inputs.license.subscription !== undefined) {
    const offer = desired.subscriptions.find((s) => s.name === inputs.license.subscription)?.offer;
    return offer === undefined ? undefined : (findOffer(offer)?.licenseSkuId ?? undefined);
  }
  return actual?.subscribedSkus?.find((s) => s.skuPartNumber.toLowerCase() === inputs.license.sku?.toLowerCase())
    ?.skuId;
}

async function reconcile(inputs: LicenseAssignmentInputs, expectId?: string): Promise<{ id: string; outs: Outputs }> {
  const address = addressOf(inputs);
  const desired = await requireCustomerDocument(documentOf(inputs), address);
  return reconcileChild({
    inputs: inputs as unknown as Inputs,
    address,
    desired,
    expectId,
    absentOutputs: { skuId: null },
    find(after) {
      const user = matchUser(inputs.user.userPrincipalName, after.customer?.users ?? []);
      const skuId = skuIdOf(inputs, desired, after.customer);
      const assigned = user?.licenses.find((l) => skuId !== undefined && l.skuId === skuId);
      if (user === undefined || skuId === undefined || assigned === undefined) return undefined;
      return {
        id: `${user.id}/${skuId}`,
        outputs: { userId: user.id, skuId, customerId: after.customer!.id, disabledPlanIds: assigned.disabledPlans },
      };
    },
    notConverged: {
      message: `${address} is not assigned after apply`,
      hint: "run pulumi up again; check that the user and subscription resources exist",
    },
  });
}

export const licenseAssignmentHandler: ResourceHandler = {
  check: (_olds, news) =>
    checkChild<LicenseAssignmentInputs>(news, INPUT_KEYS, ["customer", "user", "license"], documentOf),

  async diff(id, olds, news) {
    const replaces = replacedPaths(REPLACES, olds, news);
    if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
    if (isPending(id))
      return pendingDiff(
        olds,
        news,
        INPUT_KEYS,
        () => documentOf(only<LicenseAssignmentInputs>(news, INPUT_KEYS)),
        (s) => s.address === addressOf(only<LicenseAssignmentInputs>(news, INPUT_KEYS)),
      );
    // Only the licence itself is this resource's business; the user and subscription have their own.
    return { changes: changedKeys(["license"], olds, news).length > 0 };
  },
  create: (inputs) => reconcile(only<LicenseAssignmentInputs>(inputs, INPUT_KEYS)),
  async update(id, _olds, news) {
    return { outs: (await reconcile(only<LicenseAssignmentInputs>(news, INPUT_KEYS), id)).outs };
  },
  async read(id, props) {
    if (isPending(id)) return { id, props };
    const inputs = only<LicenseAssignmentInputs>(props, INPUT_KEYS);
    const desired = await requireCustomerDocument(documentOf(inputs), addressOf(inputs));
    return withResourceClient(async (client) => {
      const slice = await planSlice(client, desired, () => false);
      const [userId, skuId] = id.split("/");
      const user = slice.customer?.users?.find((u) => u.id === userId);
      const assigned = user?.licenses.find((l) => l.skuId === skuId);
      if (assigned === undefined) return {};
      return { id, props: { ...props, disabledPlanIds: assigned.disabledPlans } };
    });
  },
  async delete(id, props) {
    if (isPending(id)) return;
    const inputs = only<LicenseAssignmentInputs>(props, INPUT_KEYS);
    const [, skuId] = id.split("/");
    const desired = await requireCustomerDocument(documentOf(inputs, false), addressOf(inputs));
    const user = userAddress(inputs.customer.name, inputs.user.userPrincipalName);
    await withResourceClient(async (client) =>
      applySlice(
        client,
        await planSlice(
          client,
          desired,
          (s) => s.action === "unassign" && s.target.skuId === skuId && s.address.startsWith(`${user}/`),
        ),
      ),
    );
  },
};
