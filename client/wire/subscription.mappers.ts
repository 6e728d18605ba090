// Subscriptions, scheduled next-term changes and NCE transitions: wire ↔ domain.
import type {
  ScheduledNextTerm,
  Subscription,
  SubscriptionChange,
  Transition,
  TransitionEligibility,
  TransitionRequest,
} from "../types.js";
import {
  arr,
  bool,
  defined,
  num,
  optArr,
  optBool,
  optObj,
  optStr,
  optTimestamp,
  record,
  str,
  strings,
  timestamp,
  type WireRecord,
} from "../wire-read.js";
import type * as Wire from "./subscription.js";

function scheduledFromWire(source: WireRecord): ScheduledNextTerm {
  const context = "subscription.scheduledNextTermInstructions";
  const product = record(source["product"], `${context}.product`);
  return defined({
    productId: str(product, "productId", context),
    skuId: str(product, "skuId", context),
    availabilityId: str(product, "availabilityId", context),
    billingCycle: str(product, "billingCycle", context),
    termDuration: str(product, "termDuration", context),
    promotionId: optStr(product, "promotionId", context),
    quantity: num(source, "quantity", context),
    customTermEndDate: optStr(source, "customTermEndDate", context),
  });
}

function scheduledToWire(next: ScheduledNextTerm): Wire.ScheduledNextTermInstructions {
  return defined({
    product: defined({
      productId: next.productId,
      skuId: next.skuId,
      availabilityId: next.availabilityId,
      billingCycle: next.billingCycle,
      termDuration: next.termDuration,
      promotionId: next.promotionId,
    }),
    quantity: next.quantity,
    customTermEndDate: next.customTermEndDate,
  });
}

export function subscriptionFromWire(wire: Wire.Subscription): Subscription {
  const context = "subscription";
  const source = record(wire, context);
  const refundable = optObj(source, "refundableQuantity", context);
  const scheduled = optObj(source, "scheduledNextTermInstructions", context);
  const productType = optObj(source, "productType", context);
  return defined({
    id: str(source, "id", context),
    offerId: optStr(source, "offerId", context),
    offerName: optStr(source, "offerName", context),
    friendlyName: str(source, "friendlyName", context),
    quantity: num(source, "quantity", context),
    status: str(source, "status", context),
    autoRenewEnabled: bool(source, "autoRenewEnabled", context),
    isTrial: optBool(source, "isTrial", context) ?? false,
    billingCycle: optStr(source, "billingCycle", context),
    termDuration: optStr(source, "termDuration", context),
    productType: productType === undefined ? undefined : str(productType, "id", "subscription.productType"),
    unitType: optStr(source, "unitType", context),
    orderId: optStr(source, "orderId", context),
    parentSubscriptionId: optStr(source, "parentSubscriptionId", context),
    creationDate: optTimestamp(source, "creationDate", context),
    effectiveStartDate: optTimestamp(source, "effectiveStartDate", context),
    commitmentEndDate: optTimestamp(source, "commitmentEndDate", context),
    cancellationAllowedUntilDate: optTimestamp(source, "cancellationAllowedUntilDate", context),
    refundableQuantity:
      refundable === undefined
        ? undefined
        : {
            total: num(refundable, "totalQuantity", "subscription.refundableQuantity"),
            details: (optArr(refundable, "details", "subscription.refundableQuantity") ?? []).map((item) => {
              const detail = record(item, "subscription.refundableQuantity.details[]");
              return {
                quantity: num(detail, "quantity", "refundableQuantity.details[]"),
                allowedUntil: timestamp(detail, "allowedUntilDateTime", "refundableQuantity.details[]"),
              };
            }),
          },
    scheduledNextTerm: scheduled === undefined ? undefined : scheduledFromWire(scheduled),
    etag: optStr(optObj(source, "attributes", context) ?? {}, "etag", context),
    entitlementId: optStr(source, "entitlementId", context),
    actions: source["actions"] == null ? undefined : strings(source, "actions", context),
    suspensionReasons: source["suspensionReasons"] == null ? undefined : strings(source, "suspensionReasons", context),
  });
}

/**
 * Read-modify-write: the change is applied onto the FULL resource just read. Partner Center treats
 * a PATCH body as the whole subscription, so a partial body would silently turn auto-renew off and
 * drop the scheduled next-term instructions.
 */
export function applySubscriptionChange(current: Wire.Subscription, change: SubscriptionChange): Wire.Subscription {
  const next: Wire.Subscription = structuredClone(current);
  if (change.quantity !== undefined) next.quantity = change.quantity;
  if (change.status !== undefined) next.status = change.status;
  if (change.friendlyName !== undefined) next.friendlyName = change.friendlyName;
  if (change.autoRenewEnabled !== undefined) next.autoRenewEnabled = change.autoRenewEnabled;
  if (change.scheduledNextTerm === null) delete next.scheduledNextTermInstructions;
  else if (change.scheduledNextTerm !== undefined)
    next.scheduledNextTermInstructions = scheduledToWire(change.scheduledNextTerm);
  return next;
}

function eligibilityErrors(
  list: unknown[] | undefined,
  context: string,
): Array<{ code: number | string; description: string }> {
  return (list ?? []).map((item) => {
    const entry = record(item, context);
    const code = entry["code"];
    return {
      code: typeof code === "number" || typeof code === "string" ? code : "unknown",
      description: str(entry, "description", context),
    };
  });
}

export function transitionEligibilityFromWire(wire: Wire.TransitionEligibility): TransitionEligibility {
  const context = "transition eligibility";
  const source = record(wire, context);
  return defined({
    catalogItemId: str(source, "catalogItemId", context),
    title: optStr(source, "title", context),
    quantity: source["quantity"] === undefined ? undefined : num(source, "quantity", context),
    eligibilities: arr(source, "eligibilities", context).map((item) => {
      const entry = record(item, `${context}.eligibilities[]`);
      return defined({
        isEligible: bool(entry, "isEligible", context),
        transitionType: optStr(entry, "transitionType", context),
        errors: eligibilityErrors(optArr(entry, "errors", context), `${context}.errors[]`),
      });
    }),
  });
}

export function transitionRequestToWire(fromSubscriptionId: string, request: TransitionRequest): Wire.Transition {
  return defined({ fromSubscriptionId, ...request });
}

/** Reads both the POST answer and an entry of the GET history; Microsoft prints both casings. */
export function transitionFromWire(wire: Wire.Transition | Wire.TransitionHistory["transition"][number]): Transition {
  const context = "transition";
  const source = record(wire, context);
  return defined({
    id: optStr(source, "operationId", context),
    fromSubscriptionId: optStr(source, "fromSubscriptionId", context),
    toSubscriptionId: optStr(source, "toSubscriptionId", context),
    toCatalogItemId: str(source, "toCatalogItemId", context),
    quantity: num(source, "quantity", context),
    transitionType: str(source, "transitionType", context),
    status: optStr(source, "status", context),
    events: (optArr(source, "events", context) ?? []).map((item) => {
      const event = record(item, `${context}.events[]`);
      return defined({
        name: str(event, "name", context),
        status: str(event, "status", context).trim(),
        timestamp: optTimestamp(event, "timestamp", context),
      });
    }),
  });
}

export function transitionHistoryFromWire(wire: Wire.TransitionHistory): Transition[] {
  const source = record(wire, "transitions");
  return arr(source, "transition", "transitions").map((item) =>
    transitionFromWire(item as Wire.TransitionHistory["transition"][number]),
  );
}

export interface SubscriptionProvisioning {
  skuId: string;
  status: string;
  quantity: number;
  endDate?: string;
}

export function subscriptionProvisioningFromWire(wire: Wire.SubscriptionProvisioningStatus): SubscriptionProvisioning {
  const context = "subscription provisioning status";
  const source = record(wire, context);
  return defined({
    skuId: str(source, "skuId", context),
    status: str(source, "status", context),
    quantity: num(source, "quantity", context),
    endDate: optTimestamp(source, "endDate", context),
  });
}

// --- legacy trial conversions (no wire types of their own) ---

export function conversionFromWire(wire: unknown): {
  offerId: string;
  targetOfferId: string;
  quantity?: number;
  billingCycle?: string;
  orderId?: string;
} {
  const context = "conversion";
  const source = record(wire, context);
  return defined({
    offerId: str(source, "offerId", context),
    targetOfferId: str(source, "targetOfferId", context),
    quantity: source["quantity"] === undefined ? undefined : num(source, "quantity", context),
    billingCycle: optStr(source, "billingCycle", context),
    orderId: optStr(source, "orderId", context),
  });
}

export function conversionResultFromWire(wire: unknown): {
  subscriptionId: string;
  offerId: string;
  targetOfferId: string;
  error?: string;
} {
  const context = "conversion result";
  const source = record(wire, context);
  const error = optObj(source, "error", context);
  return defined({
    subscriptionId: str(source, "subscriptionId", context),
    offerId: str(source, "offerId", context),
    targetOfferId: str(source, "targetOfferId", context),
    error: error === undefined ? undefined : (optStr(error, "description", context) ?? "conversion failed"),
  });
}
