// The billing report's read: the estate's customers and subscriptions matched to Partner Center (the
// same matching as plan and drift, reading only the subscriptions), then each billing cycle's
// reconciliation lines, streamed (v2 export or v1, by period, through the client).
// `readBillingSources` hands the cycles over unread, so a caller can consume their lines as they
// arrive (the CSV is written that way, keeping none); `readBillingReport` folds them into cycles.
import type { CspClient } from "../../client/index.js";
import type { Customer, ReconciliationLine } from "../../client/types.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchSubscriptions } from "../plan/match.js";
import type { ActualSubscription } from "../read/actual-estate.js";
import { forEachConcurrently, listedCustomers, toActualSubscription } from "../read/read-actual.js";
import {
  type BillingCycleView,
  type BillingReport,
  billingReport,
  CycleBuilder,
  type CycleInput,
  type DeclaredSubscription,
} from "./billing-report.js";

/** Customers whose subscriptions are read at once (as plan and drift read by default). */
const READ_CONCURRENCY = 8;

export interface BillingReadOptions {
  /** `YYYY-MM` months, oldest first: one cycle each (the billing period starting in that month). */
  months: string[];
  now: () => Promise<Date> | Date;
}

/** One cycle to report: what the invoice says, and its lines, read when iterated. */
export interface CycleSource extends Omit<CycleInput, "lines"> {
  lines(): AsyncIterable<ReconciliationLine>;
}

export interface BillingSources {
  /** Partner Center's subscription ids (lower case) the estate declares. */
  declared: ReadonlyMap<string, DeclaredSubscription>;
  cycles: CycleSource[];
}

export async function readBillingSources(
  client: CspClient,
  customers: readonly DesiredCustomer[],
  options: BillingReadOptions,
): Promise<BillingSources> {
  const now = await options.now();
  const declared = await readDeclared(client, customers);
  const invoices = await client.billing.invoices();
  const cycles: CycleSource[] = [];
  const currentMonth = now.toISOString().slice(0, 7);
  for (const month of options.months) {
    const invoice = invoices.find((candidate) => candidate.billingPeriodStart.slice(0, 7) === month);
    if (invoice !== undefined)
      cycles.push({
        period: month,
        invoiceId: invoice.id,
        start: invoice.billingPeriodStart,
        end: invoice.billingPeriodEnd,
        invoiceTotalCents: invoice.totalCents,
        lines: () => client.billing.reconciliationLines({ invoiceId: invoice.id }),
      });
    else if (month === currentMonth)
      cycles.push({
        period: month,
        invoiceId: "",
        start: `${month}-01T00:00:00Z`,
        end: now.toISOString(),
        invoiceTotalCents: null,
        lines: () => client.billing.reconciliationLines({ unbilled: "current" }),
      });
  }
  return { declared, cycles };
}

/**
 * The estate's subscriptions as Partner Center knows them, keyed by Partner Center's id: the customer
 * list once, then one subscription list per declared customer, matched as plan and drift match
 * them. Nothing else (users, licences, orders) is read: the report names charges, it does not plan.
 */
async function readDeclared(
  client: CspClient,
  customers: readonly DesiredCustomer[],
): Promise<Map<string, DeclaredSubscription>> {
  const listed: Customer[] = [];
  for await (const customer of client.partnerCenter.customers.list()) listed.push(customer);
  const declared = new Map<string, DeclaredSubscription>();
  await forEachConcurrently(listedCustomers(customers, listed), READ_CONCURRENCY, async ({ desired, found }) => {
    const subscriptions = (await client.partnerCenter.subscriptions.list(found.id))
      .map(toActualSubscription)
      .filter((s): s is ActualSubscription => s !== undefined);
    const { matched } = matchSubscriptions(desired.address, desired.subscriptions, subscriptions);
    for (const subscription of desired.subscriptions) {
      const match = matched.get(subscription.name);
      if (match === undefined) continue;
      declared.set(match.id.toLowerCase(), {
        customer: desired,
        customerId: found.id.toLowerCase(),
        subscription,
        subscriptionId: match.id.toLowerCase(),
        ...(match.purchasedAt === undefined ? {} : { purchasedAt: match.purchasedAt }),
        chargedMonthly: match.status === "active" && !match.isTrial && match.billing === "monthly",
      });
    }
  });
  return declared;
}

export async function readBillingReport(
  client: CspClient,
  customers: readonly DesiredCustomer[],
  options: BillingReadOptions,
): Promise<BillingReport> {
  const { declared, cycles } = await readBillingSources(client, customers, options);
  const views: BillingCycleView[] = [];
  for (const cycle of cycles) {
    const builder = new CycleBuilder(cycle, declared);
    for await (const line of cycle.lines()) builder.add(line);
    views.push(builder.finish());
  }
  return billingReport(views);
}
