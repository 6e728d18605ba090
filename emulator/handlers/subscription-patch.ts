// Reads a subscription PATCH body (the whole Subscription resource) into the fields the update
// rule looks at. Absent fields stay undefined; the rule decides what absence means.
import { invalidInput } from "../errors.js";
import type { SubscriptionPatch } from "../rules/subscription-update.js";
import type { ScheduledNextTermRecord } from "../store/state.js";
import { optionalFlag, optionalObject, optionalText, requiredInteger, requiredString, type Body } from "./body.js";

export function readSubscriptionPatch(body: Body): SubscriptionPatch {
  const patch: SubscriptionPatch = {};
  if (body["quantity"] !== undefined && body["quantity"] !== null) patch.quantity = requiredInteger(body, "quantity");
  const status = optionalText(body, "status");
  if (status !== undefined) patch.status = status;
  const autoRenew = optionalFlag(body, "autoRenewEnabled");
  if (autoRenew !== undefined) patch.autoRenewEnabled = autoRenew;
  const friendlyName = optionalText(body, "friendlyName");
  if (friendlyName !== undefined) patch.friendlyName = friendlyName;
  const billingCycle = optionalText(body, "billingCycle");
  if (billingCycle !== undefined) patch.billingCycle = billingCycle;
  const termDuration = optionalText(body, "termDuration");
  if (termDuration !== undefined) patch.termDuration = termDuration;
  const scheduled = optionalObject(body, "scheduledNextTermInstructions");
  if (scheduled !== undefined) patch.scheduledNextTermInstructions = readScheduled(scheduled);
  return patch;
}

function readScheduled(input: Body): ScheduledNextTermRecord {
  const product = optionalObject(input, "product");
  if (product === undefined) throw invalidInput("scheduledNextTermInstructions.product is required.");
  const where = "scheduledNextTermInstructions.product.";
  const promotionId = optionalText(product, "promotionId");
  const customTermEndDate = optionalText(input, "customTermEndDate");
  return {
    product: {
      productId: requiredString(product, "productId", where).toUpperCase(),
      skuId: requiredString(product, "skuId", where).toUpperCase(),
      availabilityId: optionalText(product, "availabilityId") ?? "",
      billingCycle: requiredString(product, "billingCycle", where),
      termDuration: requiredString(product, "termDuration", where),
      ...(promotionId === undefined ? {} : { promotionId }),
    },
    quantity: requiredInteger(input, "quantity", "scheduledNextTermInstructions."),
    ...(customTermEndDate === undefined ? {} : { customTermEndDate }),
  };
}
