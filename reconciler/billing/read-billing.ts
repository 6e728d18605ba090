// The billing report's read: the estate's customers and subscriptions matched to Partner Center (the
// same matching as plan and drift), then each billing cycle's reconciliation lines streamed into the
// report (v2 export or v1, by period, through the client).
import type { CspClient } from "../../client/index.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchCustomer, matchSubscriptions } from "../plan/match.js";
import { readActual } from "../read/read-actual.js";
import {
  type BillingCycleView,
  type BillingReport,
  billingReport,
  buildCycle,
  type DeclaredSubscription,
} from "./billing-report.js";

export interface BillingReadOptions {
  /** `YYYY-MM` months, oldest first: one cycle each (the billing period starting in that month). */
  months: string[];
  now: () => Promise<Date> | Date;
}

export async function readBillingReport(
  client: CspClient,
  customers: readonly DesiredCustomer[],
  options: BillingReadOptions,
): Promise<BillingReport> {
  const now = await options.now();
  const actual = await readActual(client, customers, { now: () => now });
  const declared = new Map<string, DeclaredSubscription>();
  for (const customer of customers) {
    const found = matchCustomer(customer, actual.customers);
    if (found?.subscriptions == null) continue;
    const { matched } = matchSubscriptions(customer.address, customer.subscriptions, found.subscriptions);
    for (const subscription of customer.subscriptions) {
      const match = matched.get(subscription.name);
      if (match === undefined) continue;
      declared.set(match.id.toLowerCase(), {
        customer,
        subscription,
        subscriptionId: match.id.toLowerCase(),
        ...(match.purchasedAt === undefined ? {} : { purchasedAt: match.purchasedAt }),
        chargedMonthly: match.status === "active" && !match.isTrial && match.billing === "monthly",
      });
    }
  }
  const invoices = await client.billing.invoices();
  const cycles: BillingCycleView[] = [];
  const currentMonth = now.toISOString().slice(0, 7);
  for (const month of options.months) {
    const invoice = invoices.find((candidate) => candidate.billingPeriodStart.slice(0, 7) === month);
    if (invoice !== undefined) {
      cycles.push(
        buildCycle(
          {
            period: month,
            invoiceId: invoice.id,
            start: invoice.billingPeriodStart,
            end: invoice.billingPeriodEnd,
            invoiceTotalCents: invoice.totalCents,
            lines: await collect(client.billing.reconciliationLines({ invoiceId: invoice.id })),
          },
          declared,
        ),
      );
    } else if (month === currentMonth) {
      cycles.push(
        buildCycle(
          {
            period: month,
            invoiceId: "",
            start: `${month}-01T00:00:00Z`,
            end: now.toISOString(),
            invoiceTotalCents: null,
            lines: await collect(client.billing.reconciliationLines({ unbilled: "current" })),
          },
          declared,
        ),
      );
    }
  }
  return billingReport(cycles);
}

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const line of lines) result.push(line);
  return result;
}
