// What `cspctl report` shows, read once: one drift run (the same read → plan as `cspctl drift` and
// `cspctl show estate`, with the activity log for authors) for the overview, then each customer's
// tabs through `readCustomerView` (the model `cspctl show customer` prints), its subscriptions,
// products and users taken from the drift read instead of read again. Plain data.
import { type DriftEstateOptions, readDrift } from "../drift/drift-estate.js";
import type { DriftReport } from "../drift/drift-report.js";
import type { DesiredCustomer, DesiredEstate } from "../model/desired-estate.js";
import { selectCustomers } from "../plan-estate.js";
import { forEachConcurrently } from "../read/read-actual.js";
import {
  CUSTOMER_TABS,
  type CustomerView,
  type InvoiceCache,
  readCustomerView,
  type ViewClient,
} from "./customer-view.js";
import { type EstateView, estateViewOf } from "./estate-view.js";

export interface DashboardData {
  report: DriftReport;
  estate: EstateView;
  customers: CustomerView[];
  /** The partner's invoices, oldest first (one `GET /v1/invoices`); null when the client reads none. */
  costHistory: { period: string; totalCents: number; currency: string }[] | null;
}

export interface DashboardOptions extends DriftEstateOptions {
  /** Called after each customer's tabs are read. */
  onCustomerView?: (name: string, done: number, total: number) => void;
}

export async function readDashboard(
  client: ViewClient,
  estate: DesiredEstate,
  options: DashboardOptions = {},
): Promise<DashboardData> {
  const { onCustomerView, ...driftOptions } = options;
  const { report, actual } = await readDrift(client, estate, driftOptions);
  const now = new Date(report.generatedAt);
  const declared = options.selection ? selectCustomers(estate, options.selection) : estate.customers;
  // Each customer's tabs, several customers at a time (the drift read's concurrency), in estate order.
  const customers: CustomerView[] = new Array(declared.length);
  const invoiceCache: InvoiceCache = { totals: new Map() }; // the invoices and each one's lines read once per run
  let done = 0;
  await forEachConcurrently([...declared.keys()], options.concurrency ?? 8, async (i) => {
    const customer = declared[i]!;
    customers[i] = await readCustomerView(client, customer, {
      tabs: CUSTOMER_TABS,
      now,
      invoiceCache,
      read: actual,
    }).catch(unreadable(customer, now));
    onCustomerView?.(customer.name, ++done, declared.length);
  });
  const costHistory = client.billing
    ? (await (invoiceCache.list ??= client.billing.invoices())).map((i) => ({
        period: i.billingPeriodStart.slice(0, 7),
        totalCents: i.totalCents,
        currency: i.currency,
      }))
    : null;
  return { report, estate: estateViewOf(report, estate), customers, costHistory };
}

/** A customer whose tabs cannot be read (not created yet, a failed call) still gets its page, saying why. */
function unreadable(customer: DesiredCustomer, now: Date): (error: unknown) => CustomerView {
  return (error) => {
    const reason = { unavailable: `could not be read: ${error instanceof Error ? error.message : String(error)}` };
    const tabs = Object.fromEntries(CUSTOMER_TABS.map((tab) => [tab, reason]));
    return {
      customer: { name: customer.name, id: null, domain: customer.company.domain },
      generatedAt: now.toISOString(),
      tabs,
    };
  };
}
