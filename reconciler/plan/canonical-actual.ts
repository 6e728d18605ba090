// The canonical JSON of one customer of the actual state (lists sorted as fingerprintActual sorts
// them), for the shapes readActual produces. At 10,000 customers the generic canonicalJson (the
// sorted key list of every object looked up by its shape, then a copy) was a third of the
// planner's CPU (bench planner-pure); here each known shape is copied by an object literal whose
// keys are already in sorted order, and the engine's JSON.stringify prints it. The bytes are the
// same: an object of another shape (an unknown, inherited or undefined-valued key, a prototype
// other than Object's, a field of an unexpected type) is copied by canonicalJson's own sortedCopy,
// and whatever that cannot copy sends the whole customer through canonicalJson as before.
import type {
  ActualCustomer,
  ActualLicense,
  ActualSubscribedSku,
  ActualSubscription,
  ActualUser,
} from "../read/actual-estate.js";
import { canonicalJson, NOT_COPYABLE, sortedCopy } from "./canonical-json.js";

type Plain = Record<string, unknown>;

/** The normalised customer fingerprintActual hashes: the reference that the fast path equals. */
export function normalisedCustomer(c: ActualCustomer): ActualCustomer {
  const byId = <T extends { id: string }>(items: T[] | null): T[] | null =>
    items === null ? null : [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ...c,
    subscriptions: byId(c.subscriptions),
    users: byId(c.users),
    subscribedSkus:
      c.subscribedSkus === null ? null : [...c.subscribedSkus].sort((a, b) => (a.skuId < b.skuId ? -1 : 1)),
  };
}

/** canonicalJson(normalisedCustomer(c)), the same text. */
export function canonicalCustomer(c: ActualCustomer): string {
  if (prototypeHasEnumerableKeys()) return canonicalJson(normalisedCustomer(c));
  try {
    return JSON.stringify(customerCopy(c));
  } catch (error) {
    if (error === NOT_COPYABLE) return canonicalJson(normalisedCustomer(c));
    throw error;
  }
}

// An enumerable key on Object.prototype would be counted as an own key below: never trust the count then.
function prototypeHasEnumerableKeys(): boolean {
  for (const key in Object.prototype) if (key !== undefined) return true;
  return false;
}

function customerCopy(c: ActualCustomer): unknown {
  const o = c as unknown as Plain;
  const { billing, qualifications, subscribedSkus, subscriptions, users } = c;
  if (!isList(subscriptions) || !isList(users) || !isList(subscribedSkus)) throw NOT_COPYABLE;
  // subscribedSkus, subscriptions and users are always present (normalisedCustomer sets them)
  const present =
    3 + defined(billing) + defined(c.companyName) + defined(c.domain) + defined(c.id) + defined(qualifications);
  if (!isPlain(o) || ownKeyCount(o) !== present) return exact(normalisedCustomer(c));
  if (!isScalar(c.companyName) || !isScalar(c.domain) || !isScalar(c.id)) return exact(normalisedCustomer(c));
  return {
    billing: billing === null || billing === undefined ? billing : billingCopy(billing as unknown as Plain),
    companyName: c.companyName,
    domain: c.domain,
    id: c.id,
    qualifications: stringList(qualifications),
    subscribedSkus: subscribedSkus === null ? null : listCopy(sortedBy(subscribedSkus, "skuId"), skuCopy),
    subscriptions: subscriptions === null ? null : listCopy(sortedBy(subscriptions, "id"), subscriptionCopy),
    users: users === null ? null : listCopy(sortedBy(users, "id"), userCopy),
  };
}

function billingCopy(b: Plain): unknown {
  const { culture, email, firstName, language, lastName, phone } = b;
  if (
    !isPlain(b) ||
    ownKeyCount(b) !==
      defined(culture) + defined(email) + defined(firstName) + defined(language) + defined(lastName) + defined(phone)
  )
    return exact(b);
  if (
    !isScalar(culture) ||
    !isScalar(email) ||
    !isScalar(firstName) ||
    !isScalar(language) ||
    !isScalar(lastName) ||
    !isScalar(phone)
  )
    return exact(b);
  return { culture, email, firstName, language, lastName, phone };
}

function skuCopy(s: ActualSubscribedSku): unknown {
  const { activeUnits, consumedUnits, skuId, skuPartNumber, suspendedUnits } = s;
  const o = s as unknown as Plain;
  if (
    !isPlain(o) ||
    ownKeyCount(o) !==
      defined(activeUnits) + defined(consumedUnits) + defined(skuId) + defined(skuPartNumber) + defined(suspendedUnits)
  )
    return exact(o);
  if (
    !isScalar(activeUnits) ||
    !isScalar(consumedUnits) ||
    !isScalar(skuId) ||
    !isScalar(skuPartNumber) ||
    !isScalar(suspendedUnits)
  )
    return exact(o);
  return { activeUnits, consumedUnits, skuId, skuPartNumber, suspendedUnits };
}

function subscriptionCopy(s: ActualSubscription): unknown {
  const o = s as unknown as Plain;
  const {
    autoRenew,
    billing,
    cancellationAllowedUntil,
    friendlyName,
    id,
    isTrial,
    offerId,
    orderId,
    parentSubscriptionId,
    poNumber,
    quantity,
    refundableBatches,
    refundableQuantity,
    scheduledNextTerm,
    status,
    suspensionReasons,
    term,
    termEndDate,
  } = s;
  const scalars = [
    autoRenew,
    billing,
    cancellationAllowedUntil,
    friendlyName,
    id,
    isTrial,
    offerId,
    orderId,
    parentSubscriptionId,
    poNumber,
    quantity,
    refundableQuantity,
    status,
    term,
    termEndDate,
  ];
  let present = defined(refundableBatches) + defined(scheduledNextTerm) + defined(suspensionReasons);
  for (const value of scalars) {
    if (!isScalar(value)) return exact(o);
    present += defined(value);
  }
  if (!isPlain(o) || ownKeyCount(o) !== present) return exact(o);
  return {
    autoRenew,
    billing,
    cancellationAllowedUntil,
    friendlyName,
    id,
    isTrial,
    offerId,
    orderId,
    parentSubscriptionId,
    poNumber,
    quantity,
    refundableBatches: refundableBatches === undefined ? undefined : exact(refundableBatches),
    refundableQuantity,
    scheduledNextTerm:
      scheduledNextTerm === undefined || scheduledNextTerm === null ? scheduledNextTerm : exact(scheduledNextTerm),
    status,
    suspensionReasons: suspensionReasons === undefined ? undefined : exact(suspensionReasons),
    term,
    termEndDate,
  };
}

function userCopy(u: ActualUser): unknown {
  const o = u as unknown as Plain;
  const { displayName, enabled, firstName, id, lastName, licenses, usageLocation, userPrincipalName } = u;
  if (
    !isScalar(displayName) ||
    !isScalar(enabled) ||
    !isScalar(firstName) ||
    !isScalar(id) ||
    !isScalar(lastName) ||
    !isScalar(usageLocation) ||
    !isScalar(userPrincipalName) ||
    !Array.isArray(licenses)
  )
    return exact(o);
  const present =
    defined(displayName) +
    defined(enabled) +
    defined(firstName) +
    defined(id) +
    defined(lastName) +
    1 +
    defined(usageLocation) +
    defined(userPrincipalName);
  if (!isPlain(o) || ownKeyCount(o) !== present) return exact(o);
  return {
    displayName,
    enabled,
    firstName,
    id,
    lastName,
    licenses: listCopy(licenses as ActualLicense[], licenseCopy),
    usageLocation,
    userPrincipalName,
  };
}

function licenseCopy(l: ActualLicense): unknown {
  const o = l as unknown as Plain;
  const { disabledPlans, skuId } = l;
  if (!isScalar(skuId) || !Array.isArray(disabledPlans) || !isPlain(o) || ownKeyCount(o) !== 1 + defined(skuId))
    return exact(o);
  return { disabledPlans: stringList(disabledPlans), skuId };
}

/** A list of strings is printed as it is; anything else is copied exactly. */
function stringList(value: unknown): unknown {
  if (!Array.isArray(value)) return value === undefined ? undefined : exact(value);
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return exact(value);
  // JSON.stringify would call an own toJSON; canonicalJson's copy has none
  return Object.hasOwn(value, "toJSON") ? exact(value) : value;
}

function listCopy<T>(items: readonly T[], copy: (item: T) => unknown): unknown[] {
  const out: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // holes, undefined, lists and scalars inside a list: as canonicalJson copies them (or gives up)
    out[i] = item !== null && typeof item === "object" && !Array.isArray(item) ? copy(item) : exact(item);
  }
  return out;
}

/** canonicalJson's own copy of an unexpected value; NOT_COPYABLE is thrown up to the customer. */
function exact(value: unknown): unknown {
  const copy = sortedCopy(value);
  if (copy === NOT_COPYABLE) throw NOT_COPYABLE;
  return copy;
}

/** The list in fingerprintActual's order: the same sort, skipped (no copy) when string keys strictly ascend. */
function sortedBy<T>(items: readonly T[], key: "id" | "skuId"): readonly T[] {
  return keysAscend(items, key)
    ? items
    : [...items].sort((a, b) => (((a as Plain)[key] as string) < ((b as Plain)[key] as string) ? -1 : 1));
}

function keysAscend(items: readonly unknown[], key: "id" | "skuId"): boolean {
  let previous = "";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== "object") return false;
    const current = (item as Plain)[key];
    if (typeof current !== "string" || (i > 0 && !(previous < current))) return false;
    previous = current;
  }
  return true;
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === "string" || type === "number" || type === "boolean" || type === "undefined";
}

function isList(value: unknown): boolean {
  return value === null || Array.isArray(value);
}

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o) as unknown;
  return proto === Object.prototype || proto === null;
}

function defined(value: unknown): number {
  return value === undefined ? 0 : 1;
}

/**
 * Own enumerable keys, counted without a list (Object.prototype has none: checked above). Equal to
 * the number of expected fields holding a value only when there is no other key and no key whose
 * value is undefined; any other object is copied by sortedCopy.
 */
function ownKeyCount(o: object): number {
  let count = 0;
  for (const key in o) if (key !== undefined) count += 1;
  return count;
}
