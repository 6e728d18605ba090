// ActualCustomer → a Customer document of the estate format (docs/estate.md): what Partner Center
// holds, in a deterministic order, so that planning the imported file reports no changes.
import { findOffer, catalog } from "../../core/catalog.js";
import type { ActualCustomer, ActualSubscription, ActualUser } from "../read/actual-estate.js";
import { NameAllocator, passwordVariable, slug } from "./import-names.js";

export interface ImportedBilling {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  address: { line1?: string; line2?: string; city?: string; state?: string; postalCode?: string; country: string };
}

export interface CustomerDocumentInput {
  name: string;
  customer: ActualCustomer;
  tenantId: string;
  country: string;
  billing?: ImportedBilling;
  /** Write `password: ${env:…}` for each user (else the default, generate, applies if one is ever re-created). */
  passwordPlaceholders?: boolean;
}

export interface CustomerDocument {
  /** The document as plain data, in the key order it is written. */
  document: Record<string, unknown>;
  /** What the import could not carry over, written as comments in the file. */
  notes: string[];
}

/** Subscriptions whose life is over are history, not estate: they are left out (and noted). */
const IMPORTED_STATUSES = new Set(["active", "suspended"]);

export function customerDocument(input: CustomerDocumentInput): CustomerDocument {
  const { customer } = input;
  const notes: string[] = [];
  const names = new NameAllocator();
  const subscriptions = [...(customer.subscriptions ?? [])].sort(bySubscriptionKey);
  const kept = subscriptions.filter((s) => {
    if (IMPORTED_STATUSES.has(s.status)) return true;
    notes.push(`subscription ${s.id} (${s.offerId}) is ${s.status}: not imported`);
    return false;
  });
  const nameOf = new Map<string, string>();
  for (const s of kept) nameOf.set(s.id, names.take(slug(findOffer(s.offerId)?.title ?? s.offerId, "subscription")));

  // Several subscriptions of one offer, term and billing are told apart by friendlyName (README: matching).
  const keyOf = (s: ActualSubscription): string => `${s.offerId}|${s.term}|${s.billing}`;
  const shared = new Set(kept.filter((s, i) => kept.findIndex((o) => keyOf(o) === keyOf(s)) !== i).map(keyOf));
  const entryOf = (s: ActualSubscription): Record<string, unknown> =>
    subscriptionEntry(s, nameOf.get(s.id)!, shared.has(keyOf(s)));
  const bases = kept.filter((s) => !findOffer(s.offerId)?.isAddOn);
  const addons = kept.filter((s) => findOffer(s.offerId)?.isAddOn);
  const addonsOf = new Map<string, ActualSubscription[]>();
  for (const addon of addons) {
    const base = bases.find((b) => b.id === addon.parentSubscriptionId) ?? bases.find((b) => qualifies(addon, b));
    if (base === undefined) {
      notes.push(
        `add-on ${addon.id} (${addon.offerId}) has no base subscription it could be declared under: not imported`,
      );
      continue;
    }
    addonsOf.set(base.id, [...(addonsOf.get(base.id) ?? []), addon]);
  }

  const spec: Record<string, unknown> = {
    company: { name: customer.companyName, domain: customer.domain.toLowerCase(), country: input.country },
    tenant: { mode: "link", id: input.tenantId },
  };
  if (input.billing) spec.billing = billingOf(input.billing);
  const subs = bases.map((b) => {
    const entry = entryOf(b);
    const children = addonsOf.get(b.id);
    if (children) entry.addons = children.map(entryOf);
    return entry;
  });
  if (subs.length > 0) spec.subscriptions = subs;
  const ignore: Record<string, unknown>[] = [];
  const users = [...(customer.users ?? [])]
    .sort((a, b) => cmp(a.userPrincipalName.toLowerCase(), b.userPrincipalName.toLowerCase()))
    .map((u) => userEntry(u, input.name, kept, nameOf, ignore, input.passwordPlaceholders === true));
  if (users.length > 0) spec.users = users;
  spec.policy = { mode: "observe", ...(ignore.length > 0 ? { ignore } : {}) };
  return { document: { apiVersion: "cspctl/v1", kind: "Customer", metadata: { name: input.name }, spec }, notes };
}

function subscriptionEntry(s: ActualSubscription, name: string, keepName: boolean): Record<string, unknown> {
  const offer = findOffer(s.offerId);
  const entry: Record<string, unknown> = { name, offer: s.offerId };
  if (s.isTrial) {
    // A trial runs on P1M/none until it converts; the estate declares the terms it converts to (R-TRI-1, R-TRI-3).
    const term = offer?.terms.includes("P1Y") ? "P1Y" : (offer?.terms[0] ?? "P1Y");
    Object.assign(entry, {
      term,
      billing: offer?.billing[term]?.[0] ?? "monthly",
      quantity: s.quantity,
      trial: trialOf(s),
    });
    return entry;
  }
  Object.assign(entry, { term: s.term, billing: s.billing, quantity: s.quantity, autoRenew: s.autoRenew });
  // Partner Center names a subscription after its offer unless told otherwise; only a chosen name is written.
  if (s.friendlyName && (keepName || s.friendlyName !== offer?.title)) entry.friendlyName = s.friendlyName;
  if (s.status === "suspended") entry.state = "suspended";
  if (s.scheduledNextTerm && s.status === "active" && s.autoRenew) {
    const renewal: Record<string, unknown> = {};
    if (s.scheduledNextTerm.quantity !== undefined) renewal.quantity = s.scheduledNextTerm.quantity;
    if (s.scheduledNextTerm.term !== undefined) renewal.term = s.scheduledNextTerm.term;
    if (s.scheduledNextTerm.billing !== undefined) renewal.billing = s.scheduledNextTerm.billing;
    if (Object.keys(renewal).length > 0) entry.renewal = renewal;
  }
  return entry;
}

/** The paid terms a converting trial is scheduled to take, when they are not Partner Center's default (R-TRI-3). */
function trialOf(s: ActualSubscription): Record<string, unknown> {
  if (!s.autoRenew) return { convert: "never" };
  const next = s.scheduledNextTerm;
  const convertTo = { quantity: next?.quantity ?? 25, term: next?.term ?? "P1Y", billing: next?.billing ?? "monthly" };
  const isDefault = convertTo.quantity === 25 && convertTo.term === "P1Y" && convertTo.billing === "monthly";
  return isDefault ? { convert: "auto" } : { convert: "auto", convertTo };
}

function userEntry(
  u: ActualUser,
  customer: string,
  subscriptions: readonly ActualSubscription[],
  nameOf: Map<string, string>,
  ignore: Record<string, unknown>[],
  passwordPlaceholder: boolean,
): Record<string, unknown> {
  const [first, ...rest] = (u.displayName || u.userPrincipalName.split("@")[0]!).split(" ");
  const firstName = u.firstName ?? first ?? u.userPrincipalName;
  const lastName = u.lastName ?? (rest.join(" ") || "-");
  const upn = u.userPrincipalName.toLowerCase();
  // The estate requires names; Partner Center gives none to some users (a new tenant's admin). The
  // names written are made up, so the difference is accepted rather than planned as an update.
  if (u.firstName === null)
    ignore.push({
      path: `users[${upn}].firstName`,
      reason: "Partner Center has no first name for this user (cspctl import wrote one)",
    });
  if (u.lastName === null)
    ignore.push({
      path: `users[${upn}].lastName`,
      reason: "Partner Center has no last name for this user (cspctl import wrote one)",
    });
  const entry: Record<string, unknown> = { userPrincipalName: upn, firstName, lastName };
  if (u.displayName && u.displayName !== `${firstName} ${lastName}`) entry.displayName = u.displayName;
  if (u.usageLocation) entry.usageLocation = u.usageLocation;
  if (!u.enabled) entry.enabled = false;
  // Partner Center never returns a password; the estate may name the variable one would come from.
  if (passwordPlaceholder) entry.password = `\${env:${passwordVariable(customer, u.userPrincipalName)}}`;
  const licenses = [...u.licenses]
    .sort((a, b) => cmp(a.skuId.toLowerCase(), b.skuId.toLowerCase()))
    .map((l) => licenseEntry(l.skuId, l.disabledPlans, subscriptions, nameOf));
  if (licenses.length > 0) entry.licenses = licenses;
  return entry;
}

function licenseEntry(
  skuId: string,
  disabledPlanIds: readonly string[],
  subscriptions: readonly ActualSubscription[],
  nameOf: Map<string, string>,
): Record<string, unknown> {
  const sku = Object.values(catalog.licenseSkus).find((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
  const from = subscriptions.find(
    (s) => s.status === "active" && findOffer(s.offerId)?.licenseSkuId?.toLowerCase() === skuId.toLowerCase(),
  );
  const entry: Record<string, unknown> =
    from && nameOf.has(from.id) ? { subscription: nameOf.get(from.id) } : { sku: sku?.skuPartNumber ?? skuId };
  const plans = disabledPlanIds
    .map((id) => sku?.servicePlans.find((p) => p.id.toLowerCase() === id.toLowerCase())?.name ?? id)
    .sort();
  if (plans.length > 0) entry.disabledPlans = plans;
  return entry;
}

function billingOf(b: ImportedBilling): Record<string, unknown> {
  const address: Record<string, unknown> = { line1: b.address.line1 };
  if (b.address.line2) address.line2 = b.address.line2;
  Object.assign(address, { city: b.address.city }, b.address.state ? { state: b.address.state } : {}, {
    postalCode: b.address.postalCode,
    country: b.address.country,
  });
  return {
    email: b.email,
    firstName: b.firstName,
    lastName: b.lastName,
    ...(b.phone ? { phone: b.phone } : {}),
    address,
  };
}

/** Whether `base` meets the add-on's prerequisites (R-ADD-2). */
function qualifies(addon: ActualSubscription, base: ActualSubscription): boolean {
  const prerequisites = findOffer(addon.offerId)?.prerequisites;
  return (
    prerequisites === null ||
    prerequisites === undefined ||
    prerequisites.length === 0 ||
    prerequisites.includes(base.offerId)
  );
}

function bySubscriptionKey(a: ActualSubscription, b: ActualSubscription): number {
  return (
    cmp(a.offerId, b.offerId) ||
    cmp(a.term, b.term) ||
    cmp(a.billing, b.billing) ||
    cmp(a.friendlyName ?? "", b.friendlyName ?? "") ||
    cmp(a.id, b.id)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
