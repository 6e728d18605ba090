// readActual: what Partner Center and Graph hold for the declared customers, with the fewest calls:
// customers paged once; per matched customer one subscriptions list, one subscribedskus read, the
// billing profile, and users (with licences) from Graph in pages of 999; customers concurrently.
// A customer whose reads fail is recorded as unknown, so a read failure never causes a write.
import type { CspClient } from "../../client/index.js";
import type { Customer, GraphUser, Subscription, SubscribedSku } from "../../client/types.js";
import { customerAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { ActualCustomer, ActualEstate, ActualSubscription, ActualUser, SubscriptionStatus, UnknownRead } from "./actual-estate.js";

export type ReadClient = {
  partnerCenter: Pick<CspClient["partnerCenter"], "customers" | "subscriptions" | "subscribedSkus">;
  graph: Pick<CspClient["graph"], "users">;
};

export interface ReadOptions {
  /** Parallel customer reads; the client's throttle still governs the rate. */
  concurrency?: number;
  /** Also return every undeclared customer (shallow: id, domain, name) for `--all`. */
  all?: boolean;
  /** Called after each customer is read, for progress displays. */
  onCustomerRead?: (name: string, done: number, total: number) => void;
  now?: () => Date;
}

export async function readActual(client: ReadClient, desired: readonly DesiredCustomer[], options: ReadOptions = {}): Promise<ActualEstate> {
  const unknown: UnknownRead[] = [];
  const listed: Customer[] = [];
  try {
    for await (const customer of client.partnerCenter.customers.list()) listed.push(customer);
  } catch (error) {
    return { readAt: (options.now?.() ?? new Date()).toISOString(), customers: [], invitations: [], unknown: desired.map((d) => ({ address: d.address, cause: `customer list: ${describe(error)}` })) };
  }
  const byDomain = new Map(listed.map((c) => [c.domain.toLowerCase(), c]));
  const byId = new Map(listed.map((c) => [c.id.toLowerCase(), c]));
  const targets = desired
    .map((d) => ({ desired: d, found: (d.tenant.mode === "link" && d.tenant.id ? byId.get(d.tenant.id.toLowerCase()) : undefined) ?? byDomain.get(d.company.domain.toLowerCase()) }))
    .filter((t): t is { desired: DesiredCustomer; found: Customer } => t.found !== undefined);

  const customers: ActualCustomer[] = [];
  let done = 0;
  await forEachConcurrently(targets, options.concurrency ?? 8, async ({ desired: d, found }) => {
    try {
      customers.push(await readCustomer(client, found, d));
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
  return { readAt: (options.now?.() ?? new Date()).toISOString(), customers, unknown, invitations: [] };
}

async function readCustomer(client: ReadClient, customer: Customer, desired: DesiredCustomer): Promise<ActualCustomer> {
  const pc = client.partnerCenter;
  const wantsQualification = desired.company.qualification === "education" || desired.company.qualification === "government";
  const [subscriptions, skus, users, billing, qualifications] = await Promise.all([
    pc.subscriptions.list(customer.id),
    pc.subscribedSkus.list(customer.id),
    collectUsers(client.graph.users.list(customer.tenantId)),
    desired.billing ? pc.customers.getBillingProfile(customer.id) : Promise.resolve(undefined),
    wantsQualification ? pc.customers.listQualifications(customer.id) : Promise.resolve([]),
  ]);
  return {
    id: customer.id,
    domain: customer.domain,
    companyName: customer.companyName ?? customer.domain,
    billing: billing ? { email: billing.email, firstName: billing.firstName ?? "", lastName: billing.lastName ?? "", phone: billing.address.phoneNumber ?? null, culture: billing.culture, language: billing.language } : null,
    qualifications: qualifications.map((q) => q.qualification),
    subscriptions: subscriptions.map(toActualSubscription).filter((s): s is ActualSubscription => s !== undefined),
    subscribedSkus: skus.map(toActualSku),
    users: users.map(toActualUser),
  };
}

async function collectUsers(users: AsyncIterable<GraphUser>): Promise<GraphUser[]> {
  const all: GraphUser[] = [];
  for await (const user of users) all.push(user);
  return all;
}

const STATUSES: ReadonlySet<string> = new Set(["active", "suspended", "pending", "expired", "disabled", "deleted"]);

/** NCE subscriptions only: the offer is productId:skuId, the first two parts of the catalogItemId. */
export function toActualSubscription(s: Subscription): ActualSubscription | undefined {
  const parts = (s.offerId ?? "").split(":");
  if (parts.length < 2) return undefined;
  const status = s.status.toLowerCase();
  return {
    id: s.id,
    offerId: `${parts[0]}:${parts[1]}`.toUpperCase(),
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
    scheduledNextTerm: s.scheduledNextTerm ? { quantity: s.scheduledNextTerm.quantity, term: s.scheduledNextTerm.termDuration, billing: s.scheduledNextTerm.billingCycle.toLowerCase() } : null,
  };
}

function toActualSku(s: SubscribedSku): ActualCustomer["subscribedSkus"] extends (infer T)[] | null ? T : never {
  return { skuId: s.skuId, skuPartNumber: s.skuPartNumber, activeUnits: s.activeUnits, consumedUnits: s.consumedUnits, suspendedUnits: s.suspendedUnits };
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
  return { id: c.id, domain: c.domain, companyName: c.companyName ?? c.domain, billing: null, qualifications: [], subscriptions: null, subscribedSkus: null, users: null };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}
