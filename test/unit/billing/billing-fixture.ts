// A small billing report for the renderer and browser tests: two customers (one named with markup and
// terminal escapes, as Partner Center text may be), a declared subscription priced by a markup, an
// undeclared one, and a declared one without a charge.
import type { ReconciliationLine } from "../../../client/types.js";
import {
  type BillingReport,
  billingReport,
  buildCycle,
  type DeclaredSubscription,
} from "../../../reconciler/billing/billing-report.js";
import type { BillingSources } from "../../../reconciler/billing/read-billing.js";
import type { DesiredCustomer, DesiredSubscription } from "../../../reconciler/model/desired-estate.js";

function line(overrides: Partial<ReconciliationLine>): ReconciliationLine {
  return {
    invoiceNumber: "G202611042",
    customerId: "c1",
    customerName: "Contoso",
    customerDomainName: "contoso.onmicrosoft.com",
    subscriptionId: "s1",
    subscriptionDescription: "",
    orderId: "o1",
    offerId: "CFQ7TTC0LFLX:0001",
    productName: "Microsoft 365 E3",
    skuName: "Microsoft 365 E3",
    chargeType: "cycleCharge",
    chargeStartDate: "2026-11-01T00:00:00Z",
    chargeEndDate: "2026-11-30T23:59:59Z",
    termAndBillingCycle: "One-Year commitment for Monthly billing",
    quantity: 10,
    unitPriceCents: 3024,
    effectiveUnitPriceCents: 3024,
    subtotalCents: 30240,
    taxCents: 0,
    totalCents: 30240,
    currency: "USD",
    ...overrides,
  };
}

const subscription = (name: string, offer: string): DesiredSubscription =>
  ({ name, offer, term: "P1Y", billing: "monthly", quantity: 10, addons: [] }) as unknown as DesiredSubscription;

function declaredFixture(): Map<string, DeclaredSubscription> {
  const contoso = {
    name: "contoso",
    pricing: { layers: [{ from: "priceList:default", markup: 20, prices: [] }] },
  } as unknown as DesiredCustomer;
  return new Map([
    [
      "s1",
      {
        customer: contoso,
        customerId: "c1",
        subscription: subscription("m365-e3", "CFQ7TTC0LFLX:0001"),
        subscriptionId: "s1",
        chargedMonthly: true,
        purchasedAt: "2026-01-01T00:00:00Z",
      },
    ],
    [
      "s9",
      {
        customer: contoso,
        customerId: "c1",
        subscription: subscription("visio", "CFQ7TTC0HD33:0003"),
        subscriptionId: "s9",
        chargedMonthly: true,
        purchasedAt: "2026-01-01T00:00:00Z",
      },
    ],
  ]);
}

const NOVEMBER = {
  period: "2026-11",
  invoiceId: "G202611042",
  start: "2026-11-01T00:00:00Z",
  end: "2026-11-30T23:59:59Z",
  invoiceTotalCents: 30240 + 7560 + 1200,
};

/** November's lines: Contoso's E3 (declared, a cycle charge and a pro-rata add) and an undeclared customer's. */
function novemberLines(): ReconciliationLine[] {
  return [
    line({}),
    line({ chargeType: "addQuantity", quantity: 5, effectiveUnitPriceCents: 1512, subtotalCents: 7560 }),
    line({
      customerId: "c2",
      customerName: "<img src=x onerror=alert(1)>\u001b[31mEvil",
      subscriptionId: "s2",
      productName: '=HYPERLINK("http://x")',
      quantity: 1,
      unitPriceCents: 1200,
      effectiveUnitPriceCents: 1200,
      subtotalCents: 1200,
    }),
  ];
}

export function reportFixture(): BillingReport {
  return billingReport([buildCycle({ ...NOVEMBER, lines: novemberLines() }, declaredFixture())]);
}

/** The same cycle as report sources, its lines handed out one at a time as the CSV reads them. */
export function sourcesFixture(): BillingSources {
  return {
    declared: declaredFixture(),
    cycles: [
      {
        ...NOVEMBER,
        lines: async function* () {
          yield* novemberLines();
        },
      },
    ],
  };
}
