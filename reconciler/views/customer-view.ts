// `cspctl show customer`: one customer as a partner portal shows it, tab by tab, read live with the
// fewest calls each tab needs (docs/views.md lists them). The result is plain data, independent of
// any renderer: the text, JSON and HTML views (render-view.ts) and the dashboard read the same model.
// Objects the estate declares carry their estate name; the others are marked undeclared.
import type { Billing } from "../../client/billing.js";
import type { Gdap } from "../../client/gdap.js";
import type { PartnerCenter } from "../../client/partner-center.js";
import { roleName } from "../../core/entra-roles.js";
import type { AuditRecord, Invoice, Order } from "../../client/types.js";
import type { AuditClient } from "../drift/audit-authors.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchCustomer, matchSubscriptions } from "../plan/match.js";
import type { ActualEstate } from "../read/actual-estate.js";
import { readActual, type ReadClient } from "../read/read-actual.js";

export const CUSTOMER_TABS = [
  "subscriptions",
  "products",
  "users",
  "orders",
  "invoices",
  "profile",
  "audit",
  "access",
] as const;
export type CustomerTab = (typeof CUSTOMER_TABS)[number];

/** How far back the audit tab looks without --since (Partner Center keeps 90 days). */
const DEFAULT_AUDIT_TAB_DAYS = 30;

export interface SubscriptionRow {
  /** The estate's name; null when the estate does not declare it. */
  name: string | null;
  id: string;
  offer: string;
  friendlyName: string;
  quantity: number;
  status: string;
  term: string;
  billing: string;
  autoRenew: boolean;
  trial: boolean;
  termEnd: string | null;
}

export interface ProductRow {
  sku: string;
  purchased: number;
  assigned: number;
  available: number;
  suspended: number;
}

export interface UserRow {
  userPrincipalName: string;
  displayName: string;
  enabled: boolean;
  licences: string[];
  declared: boolean;
}

export interface OrderRow {
  id: string;
  created: string | null;
  status: string;
  billingCycle: string | null;
  lines: { offer: string; name: string | null; quantity: number; subscriptionId: string | null }[];
}

export interface AuditRow {
  date: string;
  operation: string;
  resourceType: string;
  status: string;
  by: string | null;
  via: string | null;
  /** The object, by its estate name where declared (`subscription:bp`), or its id. */
  object: string | null;
}

export interface ProfileView {
  id: string;
  domain: string;
  companyName: string | null;
  relationship: string | null;
  billing: { email: string; firstName: string | null; lastName: string | null; country: string | null } | null;
}

/** The customer's share of one invoice: what its reconciliation lines add up to. */
export interface InvoiceRow {
  invoiceId: string;
  invoiceDate: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  /** The customer's charges on the invoice, refunds netted, in cents. */
  customerTotalCents: number;
  lines: number;
}

/** One GDAP relationship with the customer and its access assignments. */
export interface AccessRow {
  displayName: string;
  status: string;
  roles: string[];
  endsAt: string | null;
  autoExtend: boolean;
  /** Security group id → role names, for each active assignment. */
  assignments: { group: string; roles: string[]; status: string }[];
}

/** A tab the service or cspctl cannot show yet, and why. */
export interface UnavailableTab {
  unavailable: string;
}

export interface CustomerView {
  customer: { name: string; id: string | null; domain: string };
  generatedAt: string;
  tabs: {
    subscriptions?: SubscriptionRow[] | UnavailableTab;
    products?: ProductRow[] | UnavailableTab;
    users?: UserRow[] | UnavailableTab;
    orders?: OrderRow[] | UnavailableTab;
    invoices?: InvoiceRow[] | UnavailableTab;
    profile?: ProfileView | UnavailableTab;
    audit?: { since: string; records: AuditRow[] } | UnavailableTab;
    access?: AccessRow[] | UnavailableTab;
  };
}

/** What the views read through: cspctl's client (or anything with the same calls). */
export type ViewClient = ReadClient &
  AuditClient & {
    partnerCenter: Pick<PartnerCenter, "customers" | "orders">;
    billing?: Pick<Billing, "invoices" | "reconciliationLines">;
    gdap?: Pick<Gdap, "list" | "accessAssignments">;
  };

export interface CustomerViewOptions {
  tabs: readonly CustomerTab[];
  now: Date;
  /** Start of the audit tab's window (default DEFAULT_AUDIT_TAB_DAYS back). */
  since?: Date;
  /** Invoices the invoices tab reads the customer's share of, newest first (default DEFAULT_INVOICE_TAB_COUNT). */
  invoices?: number;
  /** Shared by the customers of one run (the dashboard): each invoice's lines are read once for all of them. */
  invoiceCache?: InvoiceCache;
  /** What this run already read of the estate (the dashboard's drift read): the subscriptions, products and users tabs use it instead of reading the customer again. */
  read?: ActualEstate;
}

/** Per invoice id: every customer's charges (cents) and line count, from one read of its lines. */
/** Shared by the customers of one run: the invoice list read once, and each invoice's per-customer sums. */
export interface InvoiceCache {
  list?: Promise<Invoice[]>;
  totals: Map<string, Promise<Map<string, { cents: number; lines: number }>>>;
}

/** Each invoice costs one reconciliation export: the tab reads the latest few. */
const DEFAULT_INVOICE_TAB_COUNT = 3;

const DAY_MS = 86_400_000;

export async function readCustomerView(
  client: ViewClient,
  customer: DesiredCustomer,
  options: CustomerViewOptions,
): Promise<CustomerView> {
  const view: CustomerView = {
    customer: { name: customer.name, id: null, domain: customer.company.domain },
    generatedAt: options.now.toISOString(),
    tabs: {},
  };
  const wants = new Set(options.tabs);
  const tabs = view.tabs;
  // One read of the customer's subscriptions, licences and users serves all three tabs.
  const needsActual = wants.has("subscriptions") || wants.has("products") || wants.has("users");
  let customerId: string | null = null;
  const subscriptionNames = new Map<string, string>();
  if (needsActual) {
    const actual = options.read ?? (await readActual(client, [customer], { now: () => options.now }));
    const found = matchCustomer(customer, actual.customers);
    const unknown = actual.unknown.filter(
      (u) => u.address === customer.address || u.address.startsWith(`${customer.address}/`),
    );
    customerId = found?.id ?? null;
    if (found?.subscriptions != null) {
      const match = matchSubscriptions(customer.address, customer.subscriptions, found.subscriptions);
      for (const [name, subscription] of match.matched) subscriptionNames.set(subscription.id, name);
      if (wants.has("subscriptions"))
        tabs.subscriptions = found.subscriptions.map((s) => ({
          name: subscriptionNames.get(s.id) ?? null,
          id: s.id,
          offer: s.offerId,
          friendlyName: s.friendlyName ?? "",
          quantity: s.quantity,
          status: s.status,
          term: s.term,
          billing: s.billing,
          autoRenew: s.autoRenew,
          trial: s.isTrial,
          termEnd: s.termEndDate,
        }));
    } else if (wants.has("subscriptions")) tabs.subscriptions = unreadable(unknown, found === undefined);
    if (wants.has("products"))
      tabs.products =
        found?.subscribedSkus != null
          ? found.subscribedSkus.map((sku) => ({
              sku: sku.skuPartNumber,
              purchased: sku.activeUnits,
              assigned: sku.consumedUnits,
              available: Math.max(sku.activeUnits - sku.consumedUnits, 0),
              suspended: sku.suspendedUnits,
            }))
          : unreadable(unknown, found === undefined);
    if (wants.has("users")) {
      const skuNames = new Map(
        (found?.subscribedSkus ?? []).map((sku) => [sku.skuId.toLowerCase(), sku.skuPartNumber]),
      );
      const declared = new Set(customer.users.map((u) => u.userPrincipalName.toLowerCase()));
      tabs.users =
        found?.users != null
          ? found.users.map((u) => ({
              userPrincipalName: u.userPrincipalName,
              displayName: u.displayName,
              enabled: u.enabled,
              licences: u.licenses.map((l) => skuNames.get(l.skuId.toLowerCase()) ?? l.skuId),
              declared: declared.has(u.userPrincipalName.toLowerCase()),
            }))
          : unreadable(unknown, found === undefined);
    }
  }
  const id = async (): Promise<string> => {
    customerId ??= await resolveCustomerId(client, customer);
    return customerId;
  };
  if (wants.has("orders"))
    tabs.orders = (await client.partnerCenter.orders.list(await id())).map(orderRow(subscriptionNames));
  if (wants.has("profile")) {
    const customerId = await id();
    const profile = await client.partnerCenter.customers.getBillingProfile(customerId);
    tabs.profile = {
      id: customerId,
      domain: customer.company.domain,
      companyName: profile.companyName || null,
      relationship: null,
      billing: {
        email: profile.email,
        firstName: profile.firstName ?? null,
        lastName: profile.lastName ?? null,
        country: profile.address.country ?? null,
      },
    };
  }
  if (wants.has("audit")) {
    const since = options.since ?? new Date(options.now.getTime() - DEFAULT_AUDIT_TAB_DAYS * DAY_MS);
    const records: AuditRow[] = [];
    // A window that starts after now holds nothing (Partner Center refuses an end before the start).
    if (since.getTime() <= options.now.getTime())
      for await (const record of client.partnerCenter.auditRecords.list({
        start: since,
        end: options.now,
        filter: { field: "CustomerId", value: await id() },
      }))
        records.push(auditRow(record, subscriptionNames));
    tabs.audit = { since: since.toISOString(), records };
  }
  if (wants.has("invoices"))
    tabs.invoices = client.billing
      ? await invoiceRows(
          client.billing,
          await id(),
          options.invoices ?? DEFAULT_INVOICE_TAB_COUNT,
          options.invoiceCache ?? { totals: new Map() },
        )
      : { unavailable: "invoices: this client reads no invoices" };
  if (wants.has("access"))
    tabs.access = client.gdap
      ? await accessRows(client.gdap, await id())
      : { unavailable: "access: this client reads no GDAP relationships" };
  view.customer.id = customerId;
  return view;
}

/** The latest invoices (one list call), each with the customer's lines summed (one reconciliation read each). */
async function invoiceRows(
  billing: NonNullable<ViewClient["billing"]>,
  customerId: string,
  count: number,
  cache: InvoiceCache,
): Promise<InvoiceRow[]> {
  cache.list ??= billing.invoices();
  const totals = cache.totals;
  const latest = (await cache.list).slice(-count).reverse();
  const rows: InvoiceRow[] = [];
  for (const invoice of latest) {
    let perCustomer = totals.get(invoice.id);
    if (perCustomer === undefined) {
      perCustomer = sumByCustomer(billing.reconciliationLines({ invoiceId: invoice.id }));
      totals.set(invoice.id, perCustomer);
    }
    const mine = (await perCustomer).get(customerId.toLowerCase());
    const customerTotalCents = mine?.cents ?? 0;
    const lines = mine?.lines ?? 0;
    rows.push({
      invoiceId: invoice.id,
      invoiceDate: invoice.invoiceDate,
      periodStart: invoice.billingPeriodStart,
      periodEnd: invoice.billingPeriodEnd,
      currency: invoice.currency,
      customerTotalCents,
      lines,
    });
  }
  return rows;
}

async function sumByCustomer(
  lines: AsyncIterable<{ customerId: string; subtotalCents: number }>,
): Promise<Map<string, { cents: number; lines: number }>> {
  const sums = new Map<string, { cents: number; lines: number }>();
  for await (const line of lines) {
    const key = line.customerId.toLowerCase();
    const sum = sums.get(key) ?? { cents: 0, lines: 0 };
    sum.cents += line.subtotalCents;
    sum.lines += 1;
    sums.set(key, sum);
  }
  return sums;
}

/** The customer's relationships (one filtered list) and the assignments of the active ones (one list each). */
async function accessRows(gdap: NonNullable<ViewClient["gdap"]>, customerTenantId: string): Promise<AccessRow[]> {
  const rows: AccessRow[] = [];
  for await (const relationship of gdap.list(customerTenantId)) {
    const assignments = relationship.status === "active" ? await gdap.accessAssignments.list(relationship.id) : [];
    rows.push({
      displayName: relationship.displayName,
      status: relationship.status,
      roles: relationship.roles.map(roleName),
      endsAt: relationship.endsAt ?? null,
      autoExtend: relationship.autoExtendDuration !== "PT0S",
      assignments: assignments.map((a) => ({ group: a.groupId, roles: a.roles.map(roleName), status: a.status })),
    });
  }
  return rows;
}

function unreadable(unknown: readonly { cause: string }[], notFound: boolean): UnavailableTab {
  if (notFound) return { unavailable: "the customer is not in Partner Center" };
  return { unavailable: `could not be read: ${unknown.map((u) => u.cause).join("; ") || "unknown cause"}` };
}

/** The linked tenant id, or the customer whose domain is the declared one (one filtered list call). */
async function resolveCustomerId(client: ViewClient, customer: DesiredCustomer): Promise<string> {
  if (customer.tenant.mode === "link" && customer.tenant.id !== undefined) return customer.tenant.id.toLowerCase();
  const domain = customer.company.domain.toLowerCase();
  for await (const found of client.partnerCenter.customers.list({ filter: { field: "Domain", value: domain } }))
    if (found.domain.toLowerCase() === domain) return found.id.toLowerCase();
  throw new Error(`${customer.address}: no customer with domain ${domain} in Partner Center`);
}

function orderRow(names: ReadonlyMap<string, string>): (order: Order) => OrderRow {
  return (order) => ({
    id: order.id,
    created: order.createdAt ?? null,
    status: order.status,
    billingCycle: order.billingCycle ?? null,
    lines: order.lines.map((line) => ({
      offer: line.offerId,
      name: line.subscriptionId === undefined ? null : (names.get(line.subscriptionId) ?? null),
      quantity: line.quantity,
      subscriptionId: line.subscriptionId ?? null,
    })),
  });
}

function auditRow(record: AuditRecord, names: ReadonlyMap<string, string>): AuditRow {
  const objectId = record.newValue?.["id"] ?? record.oldValue?.["id"] ?? record.details["CustomerUserId"];
  const name = typeof objectId === "string" ? names.get(objectId.toLowerCase()) : undefined;
  return {
    date: record.date,
    operation: record.operationType,
    resourceType: record.resourceType,
    status: record.status,
    by: record.user ?? null,
    via: record.application ?? null,
    object: name !== undefined ? `subscription:${name}` : typeof objectId === "string" ? objectId : null,
  };
}
