// Money of each plan step (docs/money.md): the change of the monthly run rate and of the committed
// term, at cost (the price sheet) and at resale (the estate's prices), and for decreases and
// cancellations the refund inside the 7-day window (R-CAN-3, R-QTY-3). Pure: prices and the clock
// come in as data.
import type { DesiredCustomer, DesiredSubscription } from "../model/desired-estate.js";
import type { MoneySummary, PlanStep, StepMoney } from "../plan/plan.js";
import type { ActualEstate, ActualSubscription } from "../read/actual-estate.js";
import { type PriceBook, seatCost, termMonths } from "./price-book.js";
import { customerResalePrice } from "./resale-price.js";

export interface MoneyContext {
  prices: PriceBook;
  now: Date;
  customers: readonly DesiredCustomer[];
  actual: ActualEstate;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const cents = (value: number): number => Math.round(value * 100) / 100;

/** Adds `money` to every step that changes what is paid; returns the totals (undefined when nothing is priced). */
export function priceSteps(steps: PlanStep[], context: MoneyContext): MoneySummary | undefined {
  const byName = new Map(context.customers.map((c) => [c.name, c]));
  const actualById = new Map<string, ActualSubscription>();
  for (const customer of context.actual.customers)
    for (const subscription of customer.subscriptions ?? []) actualById.set(subscription.id, subscription);
  const unpriced: string[] = [];
  for (const step of steps) {
    const customer = byName.get(step.customer);
    if (customer === undefined) continue;
    const want = customer.subscriptions.find((s) => s.address === step.address);
    const have = step.target.subscriptionId === undefined ? undefined : actualById.get(step.target.subscriptionId);
    const change = seatChange(step, want, have);
    if (change === undefined) continue;
    const money = priceChange(change, customer, have, context);
    if (money === undefined) unpriced.push(step.id);
    else step.money = money;
  }
  return summarise(steps, unpriced);
}

/** What a step does to seats: which offer, term and billing, how many seats from when to when. */
interface SeatChange {
  offer: string;
  term: string;
  billing: string;
  before: number;
  after: number;
  effective: "now" | "renewal";
  /** The price before, when the change is to another offer, term or billing at renewal. */
  from?: { offer: string; term: string; billing: string };
  /** A promotion's fraction off the partner price (a purchase's `after.promotionDiscount`). */
  discount?: number;
}

function seatChange(
  step: PlanStep,
  want: DesiredSubscription | undefined,
  have: ActualSubscription | undefined,
): SeatChange | undefined {
  const after = step.after ?? {};
  const quantity = (value: unknown): number => (typeof value === "number" ? value : 0);
  switch (step.action) {
    case "create-subscription":
      if (want === undefined || want.trial !== undefined) return undefined; // a trial is free until it converts
      return {
        offer: want.offer,
        term: want.term,
        billing: want.billing,
        before: 0,
        after: want.quantity,
        effective: "now",
        ...(typeof after.promotionDiscount === "number" ? { discount: after.promotionDiscount } : {}),
      };
    case "resize":
    case "cancel": {
      if (have === undefined) return undefined;
      const now = step.action === "cancel" ? 0 : quantity(after.quantity);
      return { ...current(have), before: have.quantity, after: now, effective: "now" };
    }
    case "convert-trial":
      if (have === undefined) return undefined;
      return {
        offer: have.offerId,
        term: String(after.term ?? have.term),
        billing: String(after.billing ?? have.billing),
        before: 0,
        after: quantity(after.quantity),
        effective: "now",
      };
    case "schedule-renewal": {
      if (have === undefined) return undefined;
      const renewal = (after.renewal ?? {}) as Record<string, unknown>;
      const trial = step.reason === "trial_conversion_scheduled";
      const next = {
        offer: typeof renewal.offer === "string" ? renewal.offer : have.offerId,
        term: String(renewal.term ?? have.term),
        billing: String(renewal.billing ?? have.billing),
      };
      return {
        ...next,
        before: trial ? 0 : have.quantity,
        after: quantity(renewal.quantity ?? have.quantity),
        effective: "renewal",
        ...(trial ? {} : { from: current(have) }),
      };
    }
    default:
      return undefined;
  }
}

const current = (have: ActualSubscription) => ({ offer: have.offerId, term: have.term, billing: have.billing });

function priceChange(
  change: SeatChange,
  customer: DesiredCustomer,
  have: ActualSubscription | undefined,
  context: MoneyContext,
): StepMoney | undefined {
  const market = customer.company.country;
  const listed = seatCost(context.prices, market, change);
  if (listed === undefined) return undefined;
  // a promotion is a percent off the partner price, for the term purchased (Partner Center docs: new-commerce-promotions)
  const keep = 1 - (change.discount ?? 0);
  const cost = { ...listed, monthly: listed.monthly * keep, term: listed.term * keep };
  const currency = customer.pricing?.currency ?? cost.currency;
  if (currency !== cost.currency) return undefined; // no exchange rates: better no figure than a wrong one
  const resale = customerResalePrice(customer.pricing, change, cost);
  const previous = change.from === undefined ? undefined : seatCost(context.prices, market, change.from);
  const previousResale =
    change.from === undefined ? undefined : customerResalePrice(customer.pricing, change.from, previous);
  const seats = change.after - change.before;
  const monthlyCost =
    change.after * cost.monthly - change.before * (change.from === undefined ? cost.monthly : (previous?.monthly ?? 0));
  const monthlyResale =
    resale === undefined || (change.from !== undefined && previousResale === undefined)
      ? undefined
      : change.after * resale.monthly - change.before * (previousResale?.monthly ?? resale.monthly);
  // what the change commits: a new term in full, seats added mid-term to the end of the current term (R-QTY-2)
  const remaining =
    change.effective === "renewal" || change.before === 0 ? 1 : termLeft(have, change.term, context.now);
  const termSeats = change.effective === "renewal" ? change.after : seats;
  const money: StepMoney = {
    currency,
    seats,
    unit: {
      cost: cents(cost.monthly),
      ...(resale === undefined ? {} : { resale: cents(resale.monthly), resaleFrom: resale.from }),
    },
    monthly: { cost: cents(monthlyCost), ...(monthlyResale === undefined ? {} : { resale: cents(monthlyResale) }) },
    term: {
      cost: cents(termSeats * cost.term * remaining),
      ...(resale === undefined
        ? {}
        : { resale: cents(termSeats * resale.monthly * termMonths(change.term) * remaining) }),
    },
    effective: change.effective,
    ...(change.effective === "renewal" && have?.termEndDate ? { effectiveAt: have.termEndDate } : {}),
  };
  if (seats < 0 && change.effective === "now" && have !== undefined)
    money.refund = refundOf(have, -seats, cost.term, change.after === 0, context.now);
  return money;
}

/** Fraction of the current term still to run (1 when the end date is unknown). */
function termLeft(have: ActualSubscription | undefined, term: string, now: Date): number {
  const end = have?.termEndDate ? Date.parse(have.termEndDate) : Number.NaN;
  if (Number.isNaN(end)) return 1;
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - termMonths(term));
  return Math.min(1, Math.max(0, (end - now.getTime()) / (end - start.getTime())));
}

/**
 * The refund for removing `seats` (all of them when `cancel`): inside 24 hours of the purchase or
 * renewal the billing period's charge in full, later inside the 7 days prorated by day (R-CAN-3);
 * outside the window nothing.
 */
function refundOf(
  have: ActualSubscription,
  seats: number,
  termCost: number,
  cancel: boolean,
  now: Date,
): StepMoney["refund"] {
  const untilText = cancel
    ? have.cancellationAllowedUntil
    : (have.refundableBatches.map((b) => b.allowedUntil).sort()[0] ?? null);
  const until = untilText === null ? Number.NaN : Date.parse(untilText);
  if (Number.isNaN(until) || until <= now.getTime()) return { amount: 0, until: null };
  const start = until - 7 * DAY;
  const periodMonths = Math.min(
    termMonths(have.term),
    have.billing === "monthly" ? 1 : have.billing === "annual" ? 12 : 36,
  );
  const periodEnd = new Date(start);
  periodEnd.setUTCMonth(periodEnd.getUTCMonth() + periodMonths);
  const periodDays = Math.round((periodEnd.getTime() - start) / DAY);
  const used = now.getTime() - start < DAY ? 0 : Math.ceil((now.getTime() - start) / DAY);
  const charge = (seats * termCost * periodMonths) / termMonths(have.term);
  return { amount: cents((charge * (periodDays - used)) / periodDays), until: new Date(until).toISOString() };
}

function summarise(steps: readonly PlanStep[], unpriced: string[]): MoneySummary | undefined {
  const priced = steps.filter((s) => s.money !== undefined && s.status === "ready");
  if (priced.length === 0 && unpriced.length === 0) return undefined;
  const customers = new Map<string, MoneySummary["customers"][number]>();
  const run = new Map<string, MoneySummary["run"][number]>();
  const add = (total: Omit<MoneySummary["run"][number], "currency">, money: StepMoney): void => {
    total.monthly.cost = cents(total.monthly.cost + money.monthly.cost);
    total.term.cost = cents(total.term.cost + money.term.cost);
    total.monthly.resale = sumOrUndefined(total.monthly.resale, money.monthly.resale);
    total.term.resale = sumOrUndefined(total.term.resale, money.term.resale);
    total.refunds = cents(total.refunds + (money.refund?.amount ?? 0));
  };
  const zero = () => ({ monthly: { cost: 0, resale: 0 }, term: { cost: 0, resale: 0 }, refunds: 0 });
  for (const step of priced) {
    const money = step.money!;
    const key = `${step.customer}\0${money.currency}`;
    if (!customers.has(key)) customers.set(key, { customer: step.customer, currency: money.currency, ...zero() });
    if (!run.has(money.currency)) run.set(money.currency, { currency: money.currency, ...zero() });
    add(customers.get(key)!, money);
    add(run.get(money.currency)!, money);
  }
  return { customers: [...customers.values()], run: [...run.values()], unpriced };
}

/** A resale total is known only while every step in it has a resale price. */
function sumOrUndefined(total: number | undefined, value: number | undefined): number | undefined {
  return total === undefined || value === undefined ? undefined : cents(total + value);
}
