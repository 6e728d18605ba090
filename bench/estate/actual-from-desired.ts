// The Partner Center state a generated estate would have once applied, built in memory for the
// planner-pure scenario (no HTTP): every declared object exists as declared, except a seeded share
// of customers that drifted (a seat count changed, a user missing) so the planner has work to do.
import { catalog } from "../../core/catalog.js";
import type { DesiredCustomer, DesiredEstate } from "../../reconciler/model/desired-estate.js";
import type { ActualCustomer, ActualEstate, ActualSubscribedSku, ActualSubscription, ActualUser } from "../../reconciler/read/actual-estate.js";
import { MULTI_CHANNEL_SKU } from "./generate-estate.js";

export interface DriftShares {
  /** Every n-th customer has one seat fewer on its first subscription. */
  resizeEvery: number;
  /** Every n-th customer lacks its last user. */
  missingUserEvery: number;
}

export function actualFromDesired(estate: DesiredEstate, now: Date, drift: DriftShares = { resizeEvery: 10, missingUserEvery: 20 }): ActualEstate {
  const termEnd = new Date(now.getTime() + 300 * 86_400_000).toISOString();
  const customers = estate.customers.map((customer, index) => actualCustomer(customer, index, termEnd, drift));
  customers.sort((a, b) => (a.domain < b.domain ? -1 : 1));
  return { readAt: now.toISOString(), customers, unknown: [], invitations: [] };
}

function actualCustomer(desired: DesiredCustomer, index: number, termEnd: string, drift: DriftShares): ActualCustomer {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  const subscriptionIds = new Map(desired.subscriptions.map((s, k) => [s.name, `${id.slice(0, 24)}${String(k).padStart(4, "0")}${String(index).padStart(8, "0").slice(-8)}`]));
  const subscriptions: ActualSubscription[] = desired.subscriptions.map((s, k) => ({
    id: subscriptionIds.get(s.name)!,
    offerId: s.offer,
    quantity: k === 0 && index % drift.resizeEvery === 0 ? s.quantity - 1 : s.quantity,
    term: s.term,
    billing: s.billing,
    autoRenew: s.autoRenew,
    status: "active",
    friendlyName: s.friendlyName ?? null,
    poNumber: s.poNumber ?? null,
    parentSubscriptionId: s.addonOf === undefined ? null : (subscriptionIds.get(s.addonOf) ?? null),
    isTrial: false,
    termEndDate: termEnd,
    refundableQuantity: 0,
    refundableBatches: [],
    cancellationAllowedUntil: null,
    scheduledNextTerm: null,
  }));
  const keptUsers = index % drift.missingUserEvery === 0 ? desired.users.slice(0, -1) : desired.users;
  const users: ActualUser[] = keptUsers.map((u, k) => ({
    id: `${id.slice(0, 24)}u${String(k).padStart(3, "0")}${String(index).padStart(8, "0").slice(-8)}`,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    firstName: u.firstName,
    lastName: u.lastName,
    usageLocation: u.usageLocation ?? null,
    enabled: u.enabled,
    licenses: u.licenses.map((l) => {
      const sku = licenseSku(desired, l.subscription, l.sku);
      return { skuId: sku.skuId, disabledPlans: l.disabledPlans.map((name) => sku.servicePlans.find((p) => p.name === name)?.id ?? name) };
    }),
  }));
  return {
    id,
    domain: desired.company.domain,
    companyName: desired.company.name,
    billing: desired.billing ? { email: desired.billing.email, firstName: desired.billing.firstName, lastName: desired.billing.lastName, phone: desired.billing.phone ?? null, culture: desired.company.culture, language: desired.company.language } : null,
    qualifications: [],
    subscriptions,
    subscribedSkus: subscribedSkus(desired, subscriptions, users),
    users,
  };
}

function licenseSku(desired: DesiredCustomer, subscription: string | undefined, partNumber: string | undefined) {
  const skuPartNumber = partNumber ?? catalog.offers[desired.subscriptions.find((s) => s.name === subscription)!.offer]!.skuPartNumber!;
  return catalog.licenseSkus[skuPartNumber]!;
}

function subscribedSkus(desired: DesiredCustomer, subscriptions: ActualSubscription[], users: ActualUser[]): ActualSubscribedSku[] {
  const bySku = new Map<string, ActualSubscribedSku>();
  const entry = (partNumber: string): ActualSubscribedSku => {
    const sku = catalog.licenseSkus[partNumber]!;
    let found = bySku.get(sku.skuId);
    if (found === undefined) bySku.set(sku.skuId, (found = { skuId: sku.skuId, skuPartNumber: partNumber, activeUnits: 0, consumedUnits: 0, suspendedUnits: 0 }));
    return found;
  };
  for (const s of subscriptions) entry(catalog.offers[s.offerId]!.skuPartNumber!).activeUnits += s.quantity;
  if (desired.users.some((u) => u.licenses.some((l) => l.sku === MULTI_CHANNEL_SKU))) entry(MULTI_CHANNEL_SKU).activeUnits += desired.users.length;
  const partNumbers = new Map(Object.values(catalog.licenseSkus).map((s) => [s.skuId, s.skuPartNumber]));
  for (const u of users) for (const l of u.licenses) entry(partNumbers.get(l.skuId)!).consumedUnits += 1;
  return [...bySku.values()];
}
