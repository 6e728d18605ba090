// The charge ledger: what Partner Center bills a partner for each NCE subscription, derived from the
// subscription's billing events (purchase, seat changes, cancellation, renewal, trial conversion,
// term change) and the emulator clock. Pure: the same events and `now` always give the same charges,
// so invoices and reconciliation line items agree to the cent. Rules (docs/nce-rules.md):
// R-BIL-1 charges per billing period anchored at the term start, R-BIL-2 pro-rata by days,
// R-BIL-3 refunds inside the window, R-BIL-4 ROUNDDOWN of the effective unit price.
import type { BillingCycle, Catalog, TermDuration } from "../../core/catalog.js";
import type { BillingEventRecord, SubscriptionRecord } from "../store/state.js";
import { addMonths } from "../rules/terms.js";
import { FULL_REFUND_HOURS } from "../rules/windows.js";
import { findPrice, periodMonths } from "./price-table.js";

export type ChargeType =
  | "new"
  | "renew"
  | "convert"
  | "extendTerm"
  | "cycleCharge"
  | "addQuantity"
  | "removeQuantity"
  | "cancelImmediate";

export interface Charge {
  subscriptionId: string;
  customerId: string;
  orderId: string;
  /** `productId:skuId`. */
  offerId: string;
  chargeType: ChargeType;
  /** When the charge was made (it lands on the invoice of the billing period holding this instant). */
  at: string;
  chargeStartDate: string;
  chargeEndDate: string;
  quantity: number;
  /** Partner price of one full billing period of one unit, cents. */
  unitPriceCents: number;
  /** After proration; negative for refunds, cents. */
  effectiveUnitPriceCents: number;
  /** effectiveUnitPrice × quantity, cents. */
  subtotalCents: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  termStartDate: string;
  termEndDate: string;
}

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;

/** The events of a subscription; one that has none yet was bought as it is now (seeded or just created). */
function billingEvents(subscription: SubscriptionRecord): BillingEventRecord[] {
  return subscription.billingEvents ?? [initialEvent(subscription)];
}

type StartEvent = Extract<BillingEventRecord, { kind: "start" }>;

function initialEvent(subscription: SubscriptionRecord): StartEvent {
  return {
    kind: "start",
    chargeType: subscription.isTrial ? "trial" : "new",
    at: subscription.termStartDate,
    offerId: `${subscription.productId}:${subscription.skuId}`,
    quantity: subscription.quantity,
    termDuration: subscription.termDuration,
    billingCycle: subscription.billingCycle,
    termEndDate: subscription.termEndDate,
  };
}

/** Records a billing event, first writing down the purchase the subscription started from. Call before changing the record. */
export function recordBillingEvent(subscription: SubscriptionRecord, event: BillingEventRecord): void {
  subscription.billingEvents ??= [initialEvent(subscription)];
  subscription.billingEvents.push(event);
}

/** Makes sure the subscription's events describe it as it is now; call before mutating it. */
export function ensureBillingEvents(subscription: SubscriptionRecord): void {
  subscription.billingEvents ??= [initialEvent(subscription)];
}

/** A start event for the subscription's current term (after renew, convert or a term change). */
export function termStartEvent(
  subscription: SubscriptionRecord,
  chargeType: "renew" | "convert" | "extendTerm",
): BillingEventRecord {
  return { ...initialEvent(subscription), chargeType };
}

interface Segment {
  offerId: string;
  term: TermDuration;
  cycle: BillingCycle;
  termStart: number;
  termEnd: number;
  months: number;
  unitCents: number;
  quantity: number;
  /** Index of the next billing period whose cycle charge has not been made. */
  nextPeriod: number;
}

/**
 * Every charge of one subscription made up to `now`, oldest first. `horizon.until` is lowered to the
 * next instant after `now` at which this subscription would be charged (a cycle charge or an event
 * the clock has not reached), so that the answer is known to hold until then.
 */
function subscriptionCharges(
  subscription: SubscriptionRecord,
  catalog: Catalog,
  now: Date,
  horizon: { until: number },
): Charge[] {
  const charges: Charge[] = [];
  const limit = now.getTime();
  let segment: Segment | undefined;
  let ended = false;
  const base = {
    subscriptionId: subscription.id,
    customerId: subscription.customerId,
    orderId: subscription.orderId,
  };
  const emit = (s: Segment, chargeType: ChargeType, at: number, quantity: number, share: Share, sign = 1): void => {
    const effective = sign * Math.floor((s.unitCents * share.days) / share.fullDays);
    charges.push({
      ...base,
      offerId: s.offerId,
      chargeType,
      at: iso(at),
      chargeStartDate: iso(share.start),
      chargeEndDate: iso(share.end),
      quantity,
      unitPriceCents: s.unitCents,
      effectiveUnitPriceCents: effective,
      subtotalCents: effective * quantity,
      termDuration: s.term,
      billingCycle: s.cycle,
      termStartDate: iso(s.termStart),
      termEndDate: iso(s.termEnd),
    });
  };
  const cyclesUntil = (until: number): void => {
    if (segment === undefined || ended) return;
    for (;;) {
      const start = periodStart(segment, segment.nextPeriod);
      if (start > segment.termEnd) return;
      if (start > limit) {
        horizon.until = Math.min(horizon.until, start);
        return;
      }
      if (start > until) return;
      emit(segment, "cycleCharge", start, segment.quantity, periodShare(segment, segment.nextPeriod));
      segment.nextPeriod += 1;
    }
  };

  for (const event of billingEvents(subscription)) {
    const at = Date.parse(event.at);
    if (at > limit) {
      horizon.until = Math.min(horizon.until, at);
      break;
    }
    cyclesUntil(at);
    if (ended) break;
    if (event.kind === "start") {
      if (segment !== undefined && event.chargeType === "extendTerm") {
        // the unused rest of the current period is credited before the longer term starts
        const share = remainingShare(segment, at);
        if (share.days > 0) emit(segment, "extendTerm", at, segment.quantity, share, -1);
      }
      if (event.chargeType === "trial") {
        segment = undefined;
        continue;
      }
      const cycle = event.billingCycle as BillingCycle;
      const term = event.termDuration as TermDuration;
      const price = findPrice(catalog, event.offerId, term, cycle);
      segment = {
        offerId: event.offerId,
        term,
        cycle,
        termStart: at,
        termEnd: Date.parse(event.termEndDate),
        months: periodMonths(cycle),
        unitCents: price?.partnerPerPeriodCents ?? 0,
        quantity: event.quantity,
        nextPeriod: 1,
      };
      emit(segment, event.chargeType, at, segment.quantity, periodShare(segment, 0));
    } else if (segment !== undefined && event.kind === "add") {
      emit(segment, "addQuantity", at, event.quantity, remainingShare(segment, at));
      segment.quantity += event.quantity;
    } else if (segment !== undefined && event.kind === "remove") {
      emit(segment, "removeQuantity", at, event.quantity, remainingShare(segment, at), -1);
      segment.quantity -= event.quantity;
    } else if (event.kind === "cancel") {
      if (segment !== undefined) {
        // R-CAN-3: a full refund within 24 h of the term's start, prorated after that
        const full = at - segment.termStart < FULL_REFUND_HOURS * 3_600_000;
        const share = full ? periodShare(segment, currentPeriod(segment, at)) : remainingShare(segment, at);
        emit(segment, "cancelImmediate", at, segment.quantity, share, -1);
      }
      ended = true;
    }
  }
  cyclesUntil(limit);
  return charges;
}

interface Share {
  start: number;
  end: number;
  days: number;
  fullDays: number;
}

function periodStart(segment: Segment, index: number): number {
  return addMonths(new Date(segment.termStart), index * segment.months).getTime();
}

function currentPeriod(segment: Segment, at: number): number {
  let index = 0;
  while (periodStart(segment, index + 1) <= at) index += 1;
  return index;
}

/** Calendar days (UTC) from the day of `from` to the day of `to`: the day a change is made is charged. */
function days(from: number, to: number): number {
  return Math.max(0, Math.round((dayStart(to) - dayStart(from)) / DAY_MS));
}

function dayStart(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The share of period `index` from `from` to its end (clipped to the term's end). */
function shareFrom(segment: Segment, index: number, from: number): Share {
  const start = periodStart(segment, index);
  const next = periodStart(segment, index + 1);
  const end = Math.min(next, segment.termEnd + SECOND_MS);
  const fullDays = days(start, next);
  return { start: from, end: end - SECOND_MS, days: Math.min(fullDays, days(from, end)), fullDays };
}

function periodShare(segment: Segment, index: number): Share {
  return shareFrom(segment, index, periodStart(segment, index));
}

function remainingShare(segment: Segment, at: number): Share {
  return shareFrom(segment, currentPeriod(segment, at), at);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Every charge of the given subscriptions up to `now`, in time order, and `until`: the first instant
 * after `now` at which the clock alone would add a charge (Infinity when none would). Until then,
 * and unless a subscription changes, the same charges stand.
 */
export function ledger(
  subscriptions: Iterable<SubscriptionRecord>,
  catalog: Catalog,
  now: Date,
): { charges: Charge[]; until: number } {
  const all: Charge[] = [];
  const horizon = { until: Number.POSITIVE_INFINITY };
  for (const subscription of subscriptions) all.push(...subscriptionCharges(subscription, catalog, now, horizon));
  all.sort((a, b) => a.at.localeCompare(b.at) || a.subscriptionId.localeCompare(b.subscriptionId));
  return { charges: all, until: horizon.until };
}
