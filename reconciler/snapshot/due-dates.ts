// The dates a customer's snapshot holds at which Partner Center changes it without anyone acting
// (docs/nce-rules.md): a term's end (renewal, trial conversion, expiry, R-REN-2, R-TRI-3, R-REN-5),
// the lifecycle after it (expired 30 days, then disabled 90 days, then deleted, R-SUS-5), the 7-day
// cancellation window (R-CAN-1) and each batch's seat-reduction window (R-QTY-3). An order still
// provisioning has no date: it is always due.
import type { ActualCustomer } from "../read/actual-estate.js";

const DAY_MS = 86_400_000;
/** R-SUS-5: days from a term's end to disabled (after expiry), and to deleted. */
const LIFECYCLE_DAYS = [30, 120];

/** Why the customer is due for a read between `since` and `until` (ms), or undefined when nothing is. */
export function dueSince(customer: ActualCustomer, since: number, until: number): string | undefined {
  // `lasts`: a term's end is a day (commitmentEndDate has no time; the term ends at that day's end),
  // so what follows from it happens at some moment of that day: due while any of it is in the window
  const passed = (date: string | null | undefined, lasts = 0): boolean => {
    if (date === null || date === undefined) return false;
    const at = Date.parse(date);
    return Number.isNaN(at) || (at + lasts > since && at <= until);
  };
  for (const s of customer.subscriptions ?? []) {
    if (s.status === "pending" || s.orderId !== undefined) return "pending_order";
    if (passed(s.termEndDate, DAY_MS)) return s.isTrial ? "trial_end_due" : "term_end_due";
    if (s.termEndDate !== null && LIFECYCLE_DAYS.some((days) => passed(shift(s.termEndDate!, days), DAY_MS)))
      return "lifecycle_due";
    if (passed(s.cancellationAllowedUntil)) return "cancellation_window_due";
    if (s.refundableBatches.some((b) => passed(b.allowedUntil))) return "seat_window_due";
  }
  return undefined;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString();
}
