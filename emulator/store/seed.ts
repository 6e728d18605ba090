// Applies a seed body (POST /_emulator/seed and the default seed) to the state: partners with their
// applications, users and customers (with subscriptions and users), and tenants that are not yet
// anybody's customers (with SKUs bought through other channels). Seeds add to what exists.
import { randomUUID } from "node:crypto";
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import { invalidSeed } from "../errors.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import { PARTNER_SUSPENSION } from "../rules/subscription-update.js";
import { isDomainTaken } from "../rules/domains.js";
import { addDefaultRelationship } from "../rules/gdap.js";
import type { Store } from "./memory-store.js";
import { newOrderId, newSubscription, newTenant } from "./records.js";
import {
  arrayAt,
  objectAt,
  optionalBoolean,
  optionalNumber,
  optionalString,
  stringAt,
  stringList,
  type Json,
} from "./seed-input.js";
import { seedDirectoryUser, seedOtherChannelSku } from "./seed-directory.js";
import type { CustomerRecord, PartnerRecord, TenantRecord } from "./state.js";

export interface SeedSummary {
  partners: number;
  customers: number;
  tenants: number;
  users: number;
  subscriptions: number;
}

export function applySeed(store: Store, body: unknown, context: { catalog: Catalog; now: Date }): SeedSummary {
  const root = objectAt(body, "seed");
  const summary: SeedSummary = { partners: 0, customers: 0, tenants: 0, users: 0, subscriptions: 0 };
  arrayAt(root["tenants"], "seed.tenants").forEach((item, index) => {
    seedTenant(store, objectAt(item, `seed.tenants[${index}]`), `seed.tenants[${index}]`, context, summary);
  });
  arrayAt(root["partners"], "seed.partners").forEach((item, index) => {
    seedPartner(store, objectAt(item, `seed.partners[${index}]`), `seed.partners[${index}]`, context, summary);
  });
  return summary;
}

function seedPartner(
  store: Store,
  input: Json,
  where: string,
  context: { catalog: Catalog; now: Date },
  summary: SeedSummary,
): void {
  const tenantId = stringAt(input, "tenantId", where).toLowerCase();
  const partner: PartnerRecord = store.partner(tenantId) ?? {
    tenantId,
    name: optionalString(input, "name", where) ?? tenantId,
    mpnId: optionalString(input, "mpnId", where) ?? "",
    applications: [],
    users: [],
    customers: {},
    carts: {},
    orders: {},
    subscriptions: {},
  };
  store.state.partners[tenantId] = partner;
  summary.partners += 1;
  arrayAt(input["applications"], `${where}.applications`).forEach((item, index) => {
    const app = objectAt(item, `${where}.applications[${index}]`);
    const clientId = stringAt(app, "clientId", `${where}.applications[${index}]`).toLowerCase();
    const taken = Object.values(store.state.partners).some((p) => p.applications.some((a) => a.clientId === clientId));
    if (taken) throw invalidSeed(`${where}.applications[${index}].clientId ${clientId} is already registered`);
    partner.applications.push({
      clientId,
      clientSecrets: stringList(app["clientSecrets"], `${where}.applications[${index}].clientSecrets`),
      certificates: stringList(app["certificates"], `${where}.applications[${index}].certificates`),
    });
  });
  arrayAt(input["users"], `${where}.users`).forEach((item, index) => {
    const user = objectAt(item, `${where}.users[${index}]`);
    partner.users.push({
      objectId: optionalString(user, "objectId", `${where}.users[${index}]`) ?? randomUUID(),
      userPrincipalName: stringAt(user, "userPrincipalName", `${where}.users[${index}]`),
      refreshTokens: stringList(user["refreshTokens"], `${where}.users[${index}].refreshTokens`),
    });
  });
  arrayAt(input["customers"], `${where}.customers`).forEach((item, index) => {
    seedCustomer(
      store,
      partner,
      objectAt(item, `${where}.customers[${index}]`),
      `${where}.customers[${index}]`,
      context,
      summary,
    );
  });
}

function seedTenant(
  store: Store,
  input: Json,
  where: string,
  context: { catalog: Catalog; now: Date },
  summary: SeedSummary,
): TenantRecord {
  const tenantId = (
    optionalString(input, "tenantId", where) ??
    optionalString(input, "id", where) ??
    randomUUID()
  ).toLowerCase();
  const existing = store.tenant(tenantId);
  const tenant = existing ?? createTenant(store, input, where, tenantId, context.now);
  if (existing === undefined) summary.tenants += 1;
  // A custom domain the customer has verified (as adding its DNS record and verifying would)
  arrayAt(input["verifiedDomains"], `${where}.verifiedDomains`).forEach((item, index) => {
    const name = typeof item === "string" ? item.toLowerCase() : "";
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(name))
      throw invalidSeed(`${where}.verifiedDomains[${index}] must be a domain name`);
    if (tenant.domains.some((d) => d.toLowerCase() === name)) return;
    if (isDomainTaken(store.state, name))
      throw invalidSeed(`${where}.verifiedDomains[${index}] ${name} is already verified in another tenant`);
    tenant.domains.push(name);
  });
  arrayAt(input["users"], `${where}.users`).forEach((item, index) => {
    const user = seedDirectoryUser(objectAt(item, `${where}.users[${index}]`), `${where}.users[${index}]`, context);
    tenant.users[user.id] = user;
    summary.users += 1;
  });
  arrayAt(input["subscribedSkus"], `${where}.subscribedSkus`).forEach((item, index) => {
    tenant.otherChannelSkus.push(
      seedOtherChannelSku(
        objectAt(item, `${where}.subscribedSkus[${index}]`),
        `${where}.subscribedSkus[${index}]`,
        context.catalog,
      ),
    );
  });
  return tenant;
}

function createTenant(store: Store, input: Json, where: string, tenantId: string, now: Date): TenantRecord {
  const domain = stringAt(input, "domain", where);
  if (isDomainTaken(store.state, domain))
    throw invalidSeed(`${where}.domain ${domain} is already taken (domains are globally unique)`);
  const createdAt = optionalString(input, "createdAt", where);
  const tenant = newTenant({
    tenantId,
    companyName: optionalString(input, "companyName", where) ?? domain,
    domain,
    createdAt: createdAt === undefined ? now : new Date(createdAt),
  });
  store.state.tenants[tenantId] = tenant;
  return tenant;
}

/**
 * A seeded customer's billing address. Partner Center requires a full address when a customer is
 * created, so a real profile always has one and can be PUT back unchanged; the seed makes one up.
 */
function seededAddress(country: string): CustomerRecord["billingProfile"]["defaultAddress"] {
  return country === "US"
    ? { country, addressLine1: "1 Main Street", city: "Redmond", state: "WA", postalCode: "98052" }
    : { country, addressLine1: "1 Main Street", city: "Capital City", postalCode: "1000" };
}

function seedCustomer(
  store: Store,
  partner: PartnerRecord,
  input: Json,
  where: string,
  context: { catalog: Catalog; now: Date },
  summary: SeedSummary,
): void {
  const tenant = seedTenant(store, input, where, context, summary);
  const country = optionalString(input, "country", where) ?? "US";
  const billing =
    input["billingProfile"] === undefined ? {} : objectAt(input["billingProfile"], `${where}.billingProfile`);
  const customer: CustomerRecord = partner.customers[tenant.tenantId] ?? {
    id: tenant.tenantId,
    commerceId: randomUUID(),
    relationshipToPartner: optionalString(input, "relationshipToPartner", where) === "advisor" ? "advisor" : "reseller",
    enableGDAPByDefault: true,
    billingProfile: {
      id: randomUUID(),
      email: optionalString(billing, "email", `${where}.billingProfile`) ?? `billing@${tenant.defaultDomain}`,
      culture: optionalString(billing, "culture", `${where}.billingProfile`) ?? "en-US",
      language: optionalString(billing, "language", `${where}.billingProfile`) ?? "en",
      companyName: tenant.companyName,
      defaultAddress: seededAddress(country),
      version: 1,
    },
    qualifications: [],
    createdAt: optionalString(input, "createdAt", where) ?? context.now.toISOString(),
    createdThroughApi: false,
  };
  partner.customers[customer.id] = customer;
  // An active default GDAP relationship unless the seed says `gdap: false` (no relationship at all).
  if (optionalBoolean(input, "gdap", where) !== false)
    addDefaultRelationship(customer, tenant.companyName, context.now);
  summary.customers += 1;
  arrayAt(input["subscriptions"], `${where}.subscriptions`).forEach((item, index) => {
    seedSubscription(
      partner,
      customer,
      objectAt(item, `${where}.subscriptions[${index}]`),
      `${where}.subscriptions[${index}]`,
      context,
    );
    summary.subscriptions += 1;
  });
}

function seedSubscription(
  partner: PartnerRecord,
  customer: CustomerRecord,
  input: Json,
  where: string,
  context: { catalog: Catalog; now: Date },
): void {
  const offerId = stringAt(input, "offerId", where);
  const item = resolveCatalogItem(context.catalog, offerId);
  if (item === undefined) throw invalidSeed(`${where}.offerId ${offerId} is not in the embedded catalog`);
  const isTrial = optionalBoolean(input, "isTrial", where) ?? false;
  const termDuration = (optionalString(input, "termDuration", where) ??
    (isTrial ? "P1M" : item.offer.terms.includes("P1Y") ? "P1Y" : item.offer.terms[0])) as TermDuration;
  if (!item.offer.terms.includes(termDuration) && !isTrial)
    throw invalidSeed(`${where}.termDuration ${termDuration} is not offered for ${offerId}`);
  const purchasedAt = optionalString(input, "purchasedAt", where);
  const orderId = newOrderId();
  const subscription = newSubscription({
    ...(optionalString(input, "id", where) === undefined
      ? {}
      : { id: optionalString(input, "id", where)!.toLowerCase() }),
    customerId: customer.id,
    orderId,
    offer: item.offer,
    availabilityId: item.availabilityId,
    quantity: isTrial ? 25 : (optionalNumber(input, "quantity", where) ?? 1),
    termDuration,
    billingCycle: isTrial
      ? "none"
      : ((optionalString(input, "billingCycle", where) ?? "monthly").toLowerCase() as BillingCycle),
    isTrial,
    autoRenewEnabled: optionalBoolean(input, "autoRenewEnabled", where) ?? true,
    ...(optionalString(input, "friendlyName", where) === undefined
      ? {}
      : { friendlyName: optionalString(input, "friendlyName", where)! }),
    ...(optionalString(input, "parentSubscriptionId", where) === undefined
      ? {}
      : { parentSubscriptionId: optionalString(input, "parentSubscriptionId", where)!.toLowerCase() }),
    startedAt: purchasedAt === undefined ? context.now : new Date(purchasedAt),
  });
  const status = optionalString(input, "status", where);
  if (status === "suspended") {
    subscription.status = "suspended";
    subscription.autoRenewEnabled = false;
    // Who suspended it: the partner by default; Microsoft's reasons (CreditCheck, Fraud, …) can be seeded.
    const reasons = stringList(input["suspensionReasons"], `${where}.suspensionReasons`);
    subscription.suspensionReasons = reasons.length > 0 ? reasons : [PARTNER_SUSPENSION];
  }
  partner.subscriptions[subscription.id] = subscription;
  partner.orders[orderId] = {
    id: orderId,
    customerId: customer.id,
    status: "completed",
    creationDate: subscription.creationDate,
    completesAt: subscription.creationDate,
    billingCycle: subscription.billingCycle,
    currencyCode: "USD",
    currencySymbol: "$",
    lineItems: [
      {
        lineItemNumber: 0,
        offerId: subscription.offerId,
        subscriptionId: subscription.id,
        termDuration,
        billingCycle: subscription.billingCycle,
        transactionType: "New",
        friendlyName: subscription.friendlyName,
        quantity: subscription.quantity,
        isTrial,
      },
    ],
    version: 1,
  };
}
