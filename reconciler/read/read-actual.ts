// readActual: what Partner Center and Graph hold for the declared customers, with the fewest calls:
// customers paged once; per matched customer one subscriptions list, one subscribedskus read, the
// billing profile, and users (with licences) from Graph in pages of 999; customers concurrently.
// A customer whose reads fail is recorded as unknown, so a read failure never causes a write.
import { type MarketPromotions, readPromotionVerdicts } from "./read-promotions.js";
import type { CspClient } from "../../client/index.js";
import type { Customer, GraphUser, Order, Subscription, SubscribedSku } from "../../client/types.js";
import { customerAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { compact } from "../plan/records.js";
import type {
  ActualAddress,
  ActualConsent,
  ActualCustomer,
  ActualEstate,
  ActualGdapRelationship,
  ActualSubscription,
  ActualUser,
  PendingInvitation,
  SubscriptionStatus,
  UnknownRead,
} from "./actual-estate.js";

export type ReadClient = {
  partnerCenter: Pick<CspClient["partnerCenter"], "customers" | "subscriptions" | "subscribedSkus" | "orders"> &
    Partial<Pick<CspClient["partnerCenter"], "domains" | "promotions" | "catalog">>;
  graph: Pick<CspClient["graph"], "users"> & Partial<Pick<CspClient["graph"], "domains" | "applicationConsents">>;
  /** The application cspctl signs in as: the only one whose consent it can grant. */
  config?: Pick<CspClient["config"], "clientId">;
  /** GDAP relationships, read only for customers that declare access.gdap or access.consents. */
  gdap?: Pick<CspClient["gdap"], "list" | "accessAssignments">;
};

export interface ReadOptions {
  /** Parallel customer reads; the client's throttle still governs the rate. */
  concurrency?: number;
  /** Also return every undeclared customer (shallow: id, domain, name) for `--all`. */
  all?: boolean;
  /** Called after each customer is read, for progress displays. */
  onCustomerRead?: (name: string, done: number, total: number) => void;
  now?: () => Date;
  /** Reseller invitations cspctl already showed (Partner Center cannot tell): their customers wait for acceptance. */
  invitations?: readonly PendingInvitation[];
  /** Reads one matched customer; default `readFully()`. The incremental read takes what it can from a snapshot. */
  customerReader?: CustomerReader;
}

/** What reading one customer gave: the customer, and the parts of it that could not be read. */
export interface CustomerRead {
  customer: ActualCustomer;
  unreadable: UnknownRead[];
}

export type CustomerReader = (
  found: Customer,
  desired: DesiredCustomer,
  readFully: () => Promise<CustomerRead>,
) => Promise<CustomerRead>;

export async function readActual(
  client: ReadClient,
  desired: readonly DesiredCustomer[],
  options: ReadOptions = {},
): Promise<ActualEstate> {
  const unknown: UnknownRead[] = [];
  const listed: Customer[] = [];
  try {
    for await (const customer of client.partnerCenter.customers.list()) listed.push(customer);
  } catch (error) {
    return {
      readAt: (options.now?.() ?? new Date()).toISOString(),
      customers: [],
      invitations: [],
      unknown: desired.map((d) => ({ address: d.address, cause: `customer list: ${describe(error)}` })),
    };
  }
  const targets = listedCustomers(desired, listed);

  const customers: ActualCustomer[] = [];
  const markets: MarketPromotions = new Map();
  let done = 0;
  await forEachConcurrently(targets, options.concurrency ?? 8, async ({ desired: d, found }) => {
    try {
      const readFully = () => readCustomer(client, found, d, markets);
      const { customer, unreadable } = await (options.customerReader?.(found, d, readFully) ?? readFully());
      customers.push(customer);
      unknown.push(...unreadable);
    } catch (error) {
      unknown.push({ address: customerAddress(d.name), cause: describe(error) });
      customers.push(shallow(found));
    }
    options.onCustomerRead?.(d.name, ++done, targets.length);
  });
  if (options.all) {
    const read = new Set(targets.map((t) => t.found.id));
    for (const c of listed) if (!read.has(c.id)) customers.push(shallow(c));
  }
  customers.sort((a, b) => (a.domain < b.domain ? -1 : 1));
  // Only invitations of declared customers that are not customers yet: once accepted, they are history.
  const open = (options.invitations ?? []).filter(
    (i) =>
      !customers.some(
        (c) =>
          c.domain.toLowerCase() === i.domain.toLowerCase() ||
          (i.tenantId !== null && c.id.toLowerCase() === i.tenantId.toLowerCase()),
      ),
  );
  const invitations = desired
    .filter((d) => d.tenant.mode === "link")
    .flatMap((d) => open.filter((i) => i.domain.toLowerCase() === d.company.domain.toLowerCase()).slice(0, 1))
    .map((i) => ({ domain: i.domain, tenantId: i.tenantId, url: i.url }));
  const takenDomains = await takenInitialDomains(client, desired, customers, options.concurrency ?? 8);
  const consenting = desired.some((d) => d.consents) ? client.config?.clientId.toLowerCase() : undefined;
  return {
    readAt: (options.now?.() ?? new Date()).toISOString(),
    customers,
    unknown,
    invitations,
    ...(takenDomains.length > 0 ? { takenDomains } : {}),
    ...(consenting === undefined ? {} : { signedInApplication: consenting }),
  };
}

/**
 * The initial domains of declared new tenants (mode create, not found) that another tenant already
 * holds (Partner Center's domain availability check, R-DOM-1), so the plan blocks them instead of
 * apply failing. A check that fails is left to apply, which reports the same refusal.
 */
async function takenInitialDomains(
  client: ReadClient,
  desired: readonly DesiredCustomer[],
  customers: readonly ActualCustomer[],
  concurrency: number,
): Promise<string[]> {
  const domains = client.partnerCenter.domains;
  if (domains === undefined) return [];
  const found = new Set(customers.map((c) => c.domain.toLowerCase()));
  const fresh = desired.filter((d) => d.tenant.mode === "create" && !found.has(d.company.domain.toLowerCase()));
  const taken: string[] = [];
  await forEachConcurrently(fresh, concurrency, async (d) => {
    const available = await domains.isAvailable(d.company.domain).catch(() => true);
    if (!available) taken.push(d.company.domain.toLowerCase());
  });
  return taken.sort();
}

/** The declared customers Partner Center lists: a linked tenant by its id, else by the company's domain. */
export function listedCustomers(
  desired: readonly DesiredCustomer[],
  listed: readonly Customer[],
): { desired: DesiredCustomer; found: Customer }[] {
  const byDomain = new Map(listed.map((c) => [c.domain.toLowerCase(), c]));
  const byId = new Map(listed.map((c) => [c.id.toLowerCase(), c]));
  return desired
    .map((d) => ({
      desired: d,
      found:
        (d.tenant.mode === "link" && d.tenant.id ? byId.get(d.tenant.id.toLowerCase()) : undefined) ??
        byDomain.get(d.company.domain.toLowerCase()),
    }))
    .filter((t): t is { desired: DesiredCustomer; found: Customer } => t.found !== undefined);
}

async function readCustomer(
  client: ReadClient,
  customer: Customer,
  desired: DesiredCustomer,
  markets: MarketPromotions,
): Promise<CustomerRead> {
  const pc = client.partnerCenter;
  const promotions =
    pc.promotions && pc.catalog
      ? readPromotionVerdicts({ promotions: pc.promotions, catalog: pc.catalog }, customer.id, desired, markets)
      : undefined;
  const wantsQualification =
    desired.company.qualification === "education" || desired.company.qualification === "government";
  // Orders strictly before subscriptions: an order that completes between the two reads is then in
  // the subscriptions list, where the other way round it would be in neither and be bought again.
  const ordersThenSubscriptions = pc.orders
    .list(customer.id)
    .then(async (orders) => ({ orders, subscriptions: await pc.subscriptions.list(customer.id) }));
  const [
    { orders, subscriptions },
    { users, skus, unreadable },
    billing,
    qualifications,
    verifiedDomains,
    promotionVerdicts,
    gdap,
    consents,
  ] = await Promise.all([
    ordersThenSubscriptions,
    readDirectory(client, customer, desired),
    desired.billing ? pc.customers.getBillingProfile(customer.id) : Promise.resolve(undefined),
    wantsQualification ? pc.customers.listQualifications(customer.id) : Promise.resolve([]),
    readVerifiedDomains(client, customer, desired),
    promotions,
    (desired.gdap || desired.consents) && client.gdap ? readGdap(client.gdap, customer.tenantId) : undefined,
    readConsents(client, customer.tenantId, desired),
  ]);
  const readable: ActualSubscription[] = [];
  for (const subscription of subscriptions) {
    const actual = toActualSubscription(subscription);
    if (actual !== undefined) readable.push(actual);
    else
      unreadable.push({
        address: `${customerAddress(desired.name)}/subscription:${subscription.id}`,
        cause: `subscription ${subscription.id} has no readable NCE offer id (${JSON.stringify(subscription.offerId ?? null)})`,
      });
  }
  return {
    customer: {
      id: customer.id,
      domain: customer.domain,
      companyName: customer.companyName ?? customer.domain,
      billing: billing
        ? {
            email: billing.email,
            firstName: billing.firstName ?? "",
            lastName: billing.lastName ?? "",
            phone: billing.address.phoneNumber ?? null,
            culture: billing.culture,
            language: billing.language,
            address: compact({
              line1: billing.address.addressLine1,
              line2: billing.address.addressLine2,
              city: billing.address.city,
              state: billing.address.state,
              postalCode: billing.address.postalCode,
              country: billing.address.country,
            }) as unknown as ActualAddress,
          }
        : null,
      qualifications: qualifications.map((q) => q.qualification),
      ...(verifiedDomains === undefined ? {} : { verifiedDomains }),
      ...(promotionVerdicts === undefined ? {} : { promotions: promotionVerdicts }),
      subscriptions: [...readable, ...pendingFromOrders(orders, subscriptions)],
      subscribedSkus: skus,
      users,
      ...(gdap === undefined ? {} : { gdap }),
      ...(consents === undefined ? {} : { consents }),
    },
    unreadable,
  };
}

/**
 * The customer's users (Graph, with licences) and licence SKUs (Partner Center subscribedskus): the
 * parts a change of users or licence assignments can change. Null where Microsoft refused (403).
 */
export async function readDirectory(
  client: ReadClient,
  customer: Customer,
  desired: DesiredCustomer,
): Promise<{ users: ActualCustomer["users"]; skus: ActualCustomer["subscribedSkus"]; unreadable: UnknownRead[] }> {
  const [skus, users] = await Promise.all([
    refusedWithoutGdap(desired, client.partnerCenter.subscribedSkus.list(customer.id)),
    refusedWithoutGdap(desired, collectUsers(client.graph.users.list(customer.tenantId))),
  ]);
  const unreadable: UnknownRead[] = [];
  for (const [what, list] of [
    ["users", users],
    ["licences", skus],
  ] as const)
    if (list === null)
      unreadable.push({
        address: `${customerAddress(desired.name)}/${what}`,
        cause: `Microsoft refused to read the customer's ${what} (403): no active GDAP relationship grants a role that allows it yet`,
      });
  return {
    users: users === null ? null : users.map(toActualUser),
    skus: skus === null ? null : skus.map(toActualSku),
    unreadable,
  };
}

/** The tenant's verified domains (Graph GET /domains), read only when a declared user is outside the initial domain. */
export async function readVerifiedDomains(
  client: ReadClient,
  customer: Customer,
  desired: DesiredCustomer,
): Promise<string[] | undefined> {
  const customDomains = desired.users.some(
    (u) => !u.userPrincipalName.toLowerCase().endsWith(`@${desired.company.domain.toLowerCase()}`),
  );
  return customDomains && client.graph.domains ? client.graph.domains.listVerified(customer.tenantId) : undefined;
}

/**
 * A customer that declares access.gdap may not have granted the partner any role yet: Microsoft
 * answers 403 to its user and licence reads. Those reads are then unknown (null), and the rest of
 * the customer, its relationship first, is still planned.
 */
async function refusedWithoutGdap<T>(desired: DesiredCustomer, read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (desired.gdap !== undefined && (error as { status?: unknown }).status === 403) return null;
    throw error;
  }
}

/**
 * The customer's GDAP relationships: one filtered list per customer that declares access.gdap, and
 * the access assignments of its active ones. Null when Graph refuses, so the planner plans no GDAP step.
 */
export async function readGdap(
  gdap: NonNullable<ReadClient["gdap"]>,
  customerTenantId: string,
): Promise<ActualGdapRelationship[] | null> {
  try {
    const found: ActualGdapRelationship[] = [];
    for await (const r of gdap.list(customerTenantId)) {
      const live = r.status === "active" || r.status === "expiring";
      const assignments = live ? await gdap.accessAssignments.list(r.id) : [];
      found.push({
        id: r.id,
        displayName: r.displayName,
        status: r.status,
        roles: r.roles.map((id) => id.toLowerCase()).sort(),
        autoExtend: r.autoExtendDuration !== "PT0S",
        endsAt: r.endsAt ?? null,
        accessAssignments: assignments
          .filter((a) => a.status !== "deleted" && a.status !== "deleting")
          .map((a) => ({
            id: a.id,
            group: a.groupId.toLowerCase(),
            roles: a.roles.map((id) => id.toLowerCase()).sort(),
            status: a.status,
          })),
      });
    }
    return found;
  } catch {
    return null;
  }
}

/**
 * The declared applications' consents as the customer tenant's Graph shows them (Partner Center
 * cannot read a consent back): read only for customers that declare access.consents. Null when
 * Microsoft refuses (no GDAP role that reads applications yet) or the read fails.
 */
export async function readConsents(
  client: ReadClient,
  customerTenantId: string,
  desired: DesiredCustomer,
): Promise<ActualConsent[] | null | undefined> {
  const reader = client.graph.applicationConsents;
  const declared = desired.consents;
  if (declared === undefined || reader === undefined) return undefined;
  try {
    const found = await reader.list(
      customerTenantId,
      declared.map((c) => c.applicationId),
      declared.map((c) => c.resource),
    );
    return found.map((c) => ({
      applicationId: c.applicationId,
      grants: c.grants.map((g) => ({ resource: g.resource, scopes: [...g.scopes].sort() })),
    }));
  } catch {
    return null;
  }
}

/**
 * Lines of orders still provisioning, as subscriptions in status "pending": checkout has answered
 * (the purchase is real and will be invoiced) but the subscription does not exist yet. The planner
 * must see them, or a rerun would buy the same offer again. Orders are read before subscriptions, so
 * an order that completed between the two reads is in both: a line whose subscription is listed (by
 * the line's subscriptionId, or a listed subscription of the same order and offer) is left out.
 */
export function pendingFromOrders(orders: readonly Order[], listed: readonly Subscription[]): ActualSubscription[] {
  const knownIds = new Set(listed.map((s) => s.id.toLowerCase()));
  // a listed subscription that a line names by id is that line's: no other line may claim it
  const namedByLine = new Set(
    orders.flatMap((order) =>
      order.lines.flatMap((line) => (line.subscriptionId === undefined ? [] : [line.subscriptionId.toLowerCase()])),
    ),
  );
  const unclaimedByOrderOffer = new Map<string, number>();
  for (const s of listed) {
    const offerId = nceOfferId(s.offerId);
    if (s.orderId === undefined || offerId === undefined || namedByLine.has(s.id.toLowerCase())) continue;
    const key = orderOfferKey(s.orderId, offerId);
    unclaimedByOrderOffer.set(key, (unclaimedByOrderOffer.get(key) ?? 0) + 1);
  }
  const pending: ActualSubscription[] = [];
  for (const order of orders) {
    if (order.status.toLowerCase() !== "pending") continue;
    for (const line of order.lines) {
      if (line.subscriptionId !== undefined && knownIds.has(line.subscriptionId.toLowerCase())) continue;
      const offerId = nceOfferId(line.offerId);
      if (offerId === undefined) continue;
      const key = orderOfferKey(order.id, offerId);
      const unclaimed = unclaimedByOrderOffer.get(key) ?? 0;
      if (unclaimed > 0) {
        unclaimedByOrderOffer.set(key, unclaimed - 1);
        continue;
      }
      const billing = (order.billingCycle ?? "monthly").toLowerCase() as ActualSubscription["billing"];
      pending.push({
        id: line.subscriptionId ?? `order:${order.id}/line:${line.lineNumber}`,
        offerId,
        quantity: line.quantity,
        term: (line.termDuration ?? "P1M") as ActualSubscription["term"],
        billing,
        autoRenew: true,
        status: "pending",
        friendlyName: line.friendlyName ?? null,
        poNumber: null,
        parentSubscriptionId: null,
        isTrial: billing === "none",
        termEndDate: null,
        refundableQuantity: 0,
        refundableBatches: [],
        cancellationAllowedUntil: null,
        scheduledNextTerm: null,
        orderId: order.id,
        ...(order.createdAt === undefined ? {} : { purchasedAt: order.createdAt }),
      });
    }
  }
  return pending;
}

/**
 * The NCE offer, PRODUCT:SKU upper-cased: the first two parts of a catalogItemId or an offerId (which
 * may add the availability); undefined when there are fewer than two parts (not an NCE offer).
 */
function nceOfferId(offerId: string | undefined): string | undefined {
  const parts = (offerId ?? "").split(":");
  return parts.length < 2 ? undefined : `${parts[0]}:${parts[1]}`.toUpperCase();
}

function orderOfferKey(orderId: string, offerId: string): string {
  return `${orderId.toLowerCase()}|${offerId}`;
}

async function collectUsers(users: AsyncIterable<GraphUser>): Promise<GraphUser[]> {
  const all: GraphUser[] = [];
  for await (const user of users) all.push(user);
  return all;
}

const STATUSES: ReadonlySet<string> = new Set(["active", "suspended", "pending", "expired", "disabled", "deleted"]);

/** NCE subscriptions only: the offer is productId:skuId, the first two parts of the catalogItemId. */
export function toActualSubscription(s: Subscription): ActualSubscription | undefined {
  const offerId = nceOfferId(s.offerId);
  if (offerId === undefined) return undefined;
  const status = s.status.toLowerCase();
  return {
    id: s.id,
    offerId,
    quantity: s.quantity,
    term: (s.termDuration ?? "P1Y") as ActualSubscription["term"],
    billing: (s.billingCycle ?? "monthly").toLowerCase() as ActualSubscription["billing"],
    autoRenew: s.autoRenewEnabled,
    status: (STATUSES.has(status) ? status : "pending") as SubscriptionStatus,
    friendlyName: s.friendlyName || null,
    poNumber: null,
    parentSubscriptionId: s.parentSubscriptionId ?? null,
    isTrial: s.isTrial,
    termEndDate: s.commitmentEndDate ?? null,
    refundableQuantity: s.refundableQuantity?.total ?? 0,
    refundableBatches: s.refundableQuantity?.details ?? [],
    cancellationAllowedUntil: s.cancellationAllowedUntilDate ?? null,
    scheduledNextTerm: s.scheduledNextTerm
      ? {
          quantity: s.scheduledNextTerm.quantity,
          term: s.scheduledNextTerm.termDuration,
          billing: s.scheduledNextTerm.billingCycle.toLowerCase(),
        }
      : null,
    ...(s.creationDate === undefined ? {} : { purchasedAt: s.creationDate }),
    ...(status === "suspended" && s.suspensionReasons !== undefined && s.suspensionReasons.length > 0
      ? { suspensionReasons: [...s.suspensionReasons] }
      : {}),
  };
}

function toActualSku(s: SubscribedSku): ActualCustomer["subscribedSkus"] extends (infer T)[] | null ? T : never {
  return {
    skuId: s.skuId,
    skuPartNumber: s.skuPartNumber,
    activeUnits: s.activeUnits,
    consumedUnits: s.consumedUnits,
    suspendedUnits: s.suspendedUnits,
  };
}

function toActualUser(u: GraphUser): ActualUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? "",
    firstName: u.givenName ?? null,
    lastName: u.surname ?? null,
    usageLocation: u.usageLocation ?? null,
    enabled: u.accountEnabled ?? true,
    licenses: u.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
  };
}

function shallow(c: Customer): ActualCustomer {
  return {
    id: c.id,
    domain: c.domain,
    companyName: c.companyName ?? c.domain,
    billing: null,
    qualifications: [],
    subscriptions: null,
    subscribedSkus: null,
    users: null,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `run` over `items`, at most `limit` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}
