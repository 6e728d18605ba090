// The dates that make a customer taken from a snapshot due for a read: each kind is due exactly
// when it passed between the last read and now, and an order still provisioning is always due.
import { describe, expect, it } from "vitest";
import { dueSince } from "../../../reconciler/snapshot/due-dates.js";
import { actualCustomer, actualSubscription } from "../../helpers/estate-fixtures.js";

const T = Date.parse("2027-03-01T00:00:00Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function withSubscription(overrides: Parameters<typeof actualSubscription>[0]) {
  return actualCustomer({ domain: "due.example", subscriptions: [actualSubscription(overrides)] });
}

describe("dueSince", () => {
  it.each([
    ["a term end", { termEndDate: iso(T + DAY) }, "term_end_due"],
    ["a trial end", { termEndDate: iso(T + DAY), isTrial: true }, "trial_end_due"],
    ["30 days after an expiry", { termEndDate: iso(T + DAY - 30 * DAY), status: "expired" as const }, "lifecycle_due"],
    [
      "120 days after a term end",
      { termEndDate: iso(T + DAY - 120 * DAY), status: "disabled" as const },
      "lifecycle_due",
    ],
    ["the cancellation window", { cancellationAllowedUntil: iso(T + DAY) }, "cancellation_window_due"],
    [
      "a seat-reduction window",
      { refundableBatches: [{ quantity: 2, allowedUntil: iso(T + DAY) }] },
      "seat_window_due",
    ],
    ["an order still provisioning", { status: "pending" as const, orderId: "o1" }, "pending_order"],
  ])("%s that passed since the last read is due", (_what, overrides, reason) => {
    const customer = withSubscription({
      id: "s1",
      offerId: "CFQ7TTC0LCHC:0002",
      termEndDate: iso(T + 300 * DAY),
      ...overrides,
    });
    expect(dueSince(customer, T, T + 2 * DAY)).toBe(reason);
  });

  it("dates before the last read or after now are not due", () => {
    const customer = withSubscription({
      id: "s1",
      offerId: "CFQ7TTC0LCHC:0002",
      termEndDate: iso(T + 10 * DAY),
      cancellationAllowedUntil: iso(T - DAY),
      refundableBatches: [{ quantity: 1, allowedUntil: iso(T + 5 * DAY) }],
    });
    expect(dueSince(customer, T, T + 2 * DAY)).toBeUndefined();
  });

  it("a term end is a whole day (Partner Center gives the date only): due until that day is over", () => {
    // the last read was at noon of the term's last day; the renewal happens at the end of that day
    const customer = withSubscription({ id: "s1", offerId: "CFQ7TTC0LCHC:0002", termEndDate: iso(T - DAY / 2) });
    expect(dueSince(customer, T, T + DAY)).toBe("term_end_due");
    const expired = withSubscription({
      id: "s1",
      offerId: "CFQ7TTC0LCHC:0002",
      status: "expired",
      termEndDate: iso(T - 30 * DAY - DAY / 2),
    });
    expect(dueSince(expired, T, T + DAY)).toBe("lifecycle_due");
  });

  it("a date it cannot read is due (uncertain: read it)", () => {
    const customer = withSubscription({ id: "s1", offerId: "CFQ7TTC0LCHC:0002", termEndDate: "soon" });
    expect(dueSince(customer, T, T + DAY)).toBe("term_end_due");
  });
});
