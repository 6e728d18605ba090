// The billing report (docs/billing.md): one section per billing cycle, grouped customer → subscription
// (by the estate's names) → line items, each with its cost (what Microsoft charges the partner), the
// partner's resale price from the estate's price layers, and the margin; then a reconciliation of the
// charges against the estate. Pure: lines and the name map come in, the report goes out.
import type { ReconciliationLine } from "../../client/types.js";
import type { DesiredCustomer, DesiredSubscription } from "../model/desired-estate.js";
import { customerResalePrice } from "../money/resale-price.js";

const BILLING_REPORT_VERSION = 1;

export interface BillingLineView {
  chargeType: string;
  chargeStartDate: string;
  chargeEndDate: string;
  quantity: number;
  unitCostCents: number;
  costCents: number;
  resaleCents: number;
  marginCents: number;
}

export interface Totals {
  costCents: number;
  resaleCents: number;
  marginCents: number;
}

export interface BillingSubscriptionView extends Totals {
  /** The estate's name, or null for a subscription the estate does not declare. */
  name: string | null;
  subscriptionId: string;
  offer: string;
  productName: string;
  /** Where its resale prices come from (`priceList:default: markup 20%`, `cost`). */
  resaleFrom: string;
  lines: BillingLineView[];
}

export interface BillingCustomerView extends Totals {
  /** The estate's name, or null for a customer the estate does not declare. */
  name: string | null;
  customerId: string;
  companyName: string;
  subscriptions: BillingSubscriptionView[];
}

export interface BillingCycleView extends Totals {
  /** `YYYY-MM` of the period's start. */
  period: string;
  /** "" for the open period. */
  invoiceId: string;
  start: string;
  end: string;
  /** The invoice's own total, to compare with `costCents`. */
  invoiceTotalCents: number | null;
  customers: BillingCustomerView[];
  reconciliation: {
    /** Charges for subscriptions the estate does not declare. */
    undeclared: { customer: string; subscriptionId: string; offer: string; productName: string; costCents: number }[];
    /** Declared, active, monthly-billed subscriptions bought before the cycle, with no charge in it. */
    uncharged: { customer: string; subscription: string; subscriptionId: string }[];
  };
}

export interface BillingReport {
  version: number;
  currency: string;
  cycles: BillingCycleView[];
  totals: Totals;
}

/** What the estate and Partner Center say about one subscription id. */
export interface DeclaredSubscription {
  customer: DesiredCustomer;
  /** Partner Center's id of the customer, lower case. */
  customerId: string;
  subscription: DesiredSubscription;
  subscriptionId: string;
  /** Active, paid, monthly-billed and bought before `purchasedAt`: expected to be charged every cycle. */
  purchasedAt?: string;
  chargedMonthly: boolean;
}

export interface CycleInput {
  period: string;
  invoiceId: string;
  start: string;
  end: string;
  invoiceTotalCents: number | null;
  lines: Iterable<ReconciliationLine>;
}

const ZERO = (): Totals => ({ costCents: 0, resaleCents: 0, marginCents: 0 });

function add(into: Totals, from: Totals): void {
  into.costCents += from.costCents;
  into.resaleCents += from.resaleCents;
  into.marginCents += from.marginCents;
}

const MONTHS: Record<string, number> = { monthly: 1, annual: 12, triennial: 36 };

/** One reconciliation line as the report shows it: the estate's names for it, its resale and margin. */
export interface PricedLine {
  /** The estate's name of the customer, or null when the estate does not declare it. */
  customerName: string | null;
  /** The estate's name of the subscription, or null when the estate does not declare it. */
  subscriptionName: string | null;
  resaleFrom: string;
  view: BillingLineView;
}

/** Prices lines one at a time, keeping nothing of them: the report's cycles and the streamed CSV share it. */
export function linePricer(
  declared: ReadonlyMap<string, DeclaredSubscription>,
): (line: ReconciliationLine) => PricedLine {
  const customerNames = new Map<string, string>();
  for (const known of declared.values()) customerNames.set(known.customerId, known.customer.name);
  return (line) => {
    const known = declared.get(line.subscriptionId);
    const resale = resaleRatio(known);
    const resaleCents = Math.round(line.subtotalCents * resale.ratio(line));
    return {
      customerName: known?.customer.name ?? customerNames.get(line.customerId.toLowerCase()) ?? null,
      subscriptionName: known?.subscription.name ?? null,
      resaleFrom: resale.from,
      view: {
        chargeType: line.chargeType,
        chargeStartDate: line.chargeStartDate,
        chargeEndDate: line.chargeEndDate,
        quantity: line.quantity,
        unitCostCents: line.effectiveUnitPriceCents,
        costCents: line.subtotalCents,
        resaleCents,
        marginCents: resaleCents - line.subtotalCents,
      },
    };
  };
}

/** One cycle, folded a line at a time as the lines stream in: `add` each line, then `finish`. */
export class CycleBuilder {
  private readonly customers = new Map<string, BillingCustomerView>();
  private readonly subscriptions = new Map<string, BillingSubscriptionView>();
  private readonly cycle: BillingCycleView;
  private readonly price: (line: ReconciliationLine) => PricedLine;

  constructor(
    private readonly input: Omit<CycleInput, "lines">,
    private readonly declared: ReadonlyMap<string, DeclaredSubscription>,
  ) {
    this.price = linePricer(declared);
    this.cycle = {
      period: input.period,
      invoiceId: input.invoiceId,
      start: input.start,
      end: input.end,
      invoiceTotalCents: input.invoiceTotalCents,
      customers: [],
      reconciliation: { undeclared: [], uncharged: [] },
      ...ZERO(),
    };
  }

  add(line: ReconciliationLine): void {
    const priced = this.price(line);
    let customer = this.customers.get(line.customerId);
    if (customer === undefined) {
      customer = {
        name: priced.customerName,
        customerId: line.customerId,
        companyName: line.customerName,
        subscriptions: [],
        ...ZERO(),
      };
      this.customers.set(line.customerId, customer);
    }
    let subscription = this.subscriptions.get(line.subscriptionId);
    if (subscription === undefined) {
      subscription = {
        name: priced.subscriptionName,
        subscriptionId: line.subscriptionId,
        offer: line.offerId,
        productName: line.productName,
        resaleFrom: priced.resaleFrom,
        lines: [],
        ...ZERO(),
      };
      this.subscriptions.set(line.subscriptionId, subscription);
      customer.subscriptions.push(subscription);
    }
    subscription.resaleFrom = priced.resaleFrom;
    subscription.lines.push(priced.view);
    add(subscription, priced.view);
    add(customer, priced.view);
    add(this.cycle, priced.view);
  }

  finish(): BillingCycleView {
    const cycle = this.cycle;
    // declared (by estate name) first, then what the estate does not declare
    cycle.customers = [...this.customers.values()].sort((a, b) =>
      byNameThen(a.name, b.name, a.companyName, b.companyName),
    );
    for (const customer of cycle.customers) {
      customer.subscriptions.sort((a, b) => byNameThen(a.name, b.name, a.offer, b.offer));
      for (const s of customer.subscriptions)
        if (s.name === null)
          cycle.reconciliation.undeclared.push({
            customer: customer.name ?? customer.companyName,
            subscriptionId: s.subscriptionId,
            offer: s.offer,
            productName: s.productName,
            costCents: s.costCents,
          });
    }
    for (const known of this.declared.values()) {
      if (!known.chargedMonthly || this.subscriptions.has(known.subscriptionId)) continue;
      if (known.purchasedAt === undefined || known.purchasedAt >= this.input.start) continue;
      cycle.reconciliation.uncharged.push({
        customer: known.customer.name,
        subscription: known.subscription.name,
        subscriptionId: known.subscriptionId,
      });
    }
    return cycle;
  }
}

/** One cycle from lines already at hand. */
export function buildCycle(input: CycleInput, declared: ReadonlyMap<string, DeclaredSubscription>): BillingCycleView {
  const builder = new CycleBuilder(input, declared);
  for (const line of input.lines) builder.add(line);
  return builder.finish();
}

function byNameThen(a: string | null, b: string | null, fallbackA: string, fallbackB: string): number {
  if ((a === null) !== (b === null)) return a === null ? 1 : -1;
  return (a ?? fallbackA).localeCompare(b ?? fallbackB);
}

/** Resale = cost × (resale price per seat-month / cost per seat-month), so proration and refunds scale alike. */
function resaleRatio(known: DeclaredSubscription | undefined): {
  from: string;
  ratio: (line: ReconciliationLine) => number;
} {
  if (known === undefined) return { from: "cost (not declared)", ratio: () => 1 };
  const { subscription, customer } = known;
  const months = MONTHS[subscription.billing] ?? 1;
  let from = "cost";
  return {
    get from() {
      return from;
    },
    ratio: (line) => {
      if (line.unitPriceCents === 0) return 1;
      const monthly = line.unitPriceCents / 100 / months;
      const resale = customerResalePrice(
        customer.pricing,
        { offer: subscription.offer, term: subscription.term, billing: subscription.billing },
        { monthly },
      );
      if (resale === undefined) return 1;
      from = resale.from;
      return resale.monthly / monthly;
    },
  };
}

export function billingReport(cycles: BillingCycleView[], currency = "USD"): BillingReport {
  const totals = ZERO();
  for (const cycle of cycles) add(totals, cycle);
  return { version: BILLING_REPORT_VERSION, currency, cycles, totals };
}
