import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { EmulatorHttpError } from "../../../emulator/errors.js";
import { applySubscriptionUpdate, type SubscriptionPatch } from "../../../emulator/rules/subscription-update.js";
import type { SubscriptionRecord } from "../../../emulator/store/state.js";
import { stateWith, subscription } from "./records.js";

const BOUGHT = "2026-01-10T09:00:00Z";
const scheduled = {
  product: {
    productId: "CFQ7TTC0LH18",
    skuId: "0001",
    availabilityId: "",
    billingCycle: "monthly",
    termDuration: "P1Y",
  },
  quantity: 5,
};

function update(
  current: SubscriptionRecord,
  patch: SubscriptionPatch,
  now: string,
  others: SubscriptionRecord[] = [],
): SubscriptionRecord {
  return applySubscriptionUpdate(current, patch, { now: new Date(now), catalog, state: stateWith(current, ...others) });
}

function code(fn: () => unknown): number | string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmulatorHttpError) return (error.body as { code: number }).code;
    throw error;
  }
  return undefined;
}

describe("PATCH replaces the whole resource (Partner Center docs: change-the-quantity-of-a-subscription)", () => {
  it("turns auto-renew off and drops scheduled changes when the body omits them", () => {
    const current = { ...subscription({ at: BOUGHT }), scheduledNextTermInstructions: scheduled };
    const next = update(current, { friendlyName: "Renamed" }, "2026-02-01T00:00:00Z");
    expect(next.friendlyName).toBe("Renamed");
    expect(next.autoRenewEnabled).toBe(false);
    expect(next.scheduledNextTermInstructions).toBeNull();
    expect(next.version).toBe(current.version + 1);
  });
  it("keeps auto-renew and stores scheduled changes when the body echoes them (R-REN-3)", () => {
    const next = update(
      subscription({ at: BOUGHT }),
      { autoRenewEnabled: true, scheduledNextTermInstructions: scheduled },
      "2026-02-01T00:00:00Z",
    );
    expect(next.autoRenewEnabled).toBe(true);
    expect(next.scheduledNextTermInstructions?.quantity).toBe(5);
  });
  it("refuses scheduled changes without auto-renew (R-REN-3); turning auto-renew off drops them (R-REN-4)", () => {
    expect(
      code(() =>
        update(
          subscription({ at: BOUGHT, autoRenew: false }),
          { autoRenewEnabled: false, scheduledNextTermInstructions: scheduled },
          "2026-02-01T00:00:00Z",
        ),
      ),
    ).toBe(900280);
    const withSchedule = { ...subscription({ at: BOUGHT }), scheduledNextTermInstructions: scheduled };
    expect(
      update(
        withSchedule,
        { autoRenewEnabled: false, scheduledNextTermInstructions: scheduled },
        "2026-02-01T00:00:00Z",
      ).scheduledNextTermInstructions,
    ).toBeNull();
  });
});

describe("quantity (R-QTY-1, R-QTY-3, R-LIM-1, R-REN-4)", () => {
  it("increases any time, opening a new batch, and wipes scheduled changes", () => {
    const current = { ...subscription({ at: BOUGHT }), scheduledNextTermInstructions: scheduled };
    const next = update(
      current,
      { quantity: 15, autoRenewEnabled: true, scheduledNextTermInstructions: scheduled },
      "2026-06-01T00:00:00Z",
    );
    expect(next.quantity).toBe(15);
    expect(next.seatBatches).toEqual([
      { quantity: 10, addedAt: new Date(BOUGHT).toISOString() },
      { quantity: 5, addedAt: "2026-06-01T00:00:00.000Z" },
    ]);
    expect(next.scheduledNextTermInstructions).toBeNull();
  });
  it("decreases inside the 168 h window and refuses after it with 800090", () => {
    expect(
      update(subscription({ at: BOUGHT }), { quantity: 1, autoRenewEnabled: true }, "2026-01-17T08:59:59Z").quantity,
    ).toBe(1);
    expect(
      code(() => update(subscription({ at: BOUGHT }), { quantity: 1, autoRenewEnabled: true }, "2026-01-17T09:00:00Z")),
    ).toBe(800090);
  });
  it("decreases only the seats of a recent increase once the purchase window closed", () => {
    const grown = update(
      subscription({ at: BOUGHT }),
      { quantity: 15, autoRenewEnabled: true },
      "2026-03-01T00:00:00Z",
    );
    expect(update(grown, { quantity: 10, autoRenewEnabled: true }, "2026-03-02T00:00:00Z").quantity).toBe(10);
    expect(code(() => update(grown, { quantity: 9, autoRenewEnabled: true }, "2026-03-02T00:00:00Z"))).toBe(800090);
  });
  it("refuses an increase beyond the pooled 300-seat cap with 800088 and Microsoft's wording", () => {
    const premium = subscription({ offerId: "CFQ7TTC0LCHC:0002", quantity: 250, at: BOUGHT });
    const other = subscription({ offerId: "CFQ7TTC0LCHC:0002", quantity: 40, at: BOUGHT });
    let error: EmulatorHttpError | undefined;
    try {
      update(premium, { quantity: 261, autoRenewEnabled: true }, "2026-02-01T00:00:00Z", [other]);
    } catch (e) {
      error = e as EmulatorHttpError;
    }
    expect(error?.status).toBe(403);
    expect(error?.body).toMatchObject({
      code: 800088,
      description: `The requested number of 11 seats exceeds the remaining limit of 10 seats allowed per subscription for the CatalogItemId ${premium.offerId}.`,
    });
    expect(update(premium, { quantity: 260, autoRenewEnabled: true }, "2026-02-01T00:00:00Z", [other]).quantity).toBe(
      260,
    );
  });
  it("keeps quantities inside the SKU's bounds (R-QTY-8)", () => {
    expect(
      code(() => update(subscription({ at: BOUGHT }), { quantity: 0, autoRenewEnabled: true }, "2026-01-11T00:00:00Z")),
    ).toBe(2002);
  });
});

describe("cancellation (R-CAN-1, R-CAN-4)", () => {
  it("cancels within 168 h: deleted at once, auto-renew off", () => {
    const next = update(subscription({ at: BOUGHT }), { status: "deleted" }, "2026-01-16T00:00:00Z");
    expect(next.status).toBe("deleted");
    expect(next.autoRenewEnabled).toBe(false);
    expect(code(() => update(next, { status: "active" }, "2026-01-16T00:01:00Z"))).toBe(2011);
  });
  it("refuses after the window with 900117", () => {
    expect(code(() => update(subscription({ at: BOUGHT }), { status: "deleted" }, "2026-01-17T09:00:01Z"))).toBe(
      900117,
    );
  });
});

describe("suspension and reactivation (R-SUS-1, R-SUS-3, R-SUS-4)", () => {
  it("suspending turns auto-renew off and drops scheduled changes; reactivating does not turn it back on", () => {
    const current = { ...subscription({ at: BOUGHT }), scheduledNextTermInstructions: scheduled };
    const suspended = update(current, { status: "suspended", autoRenewEnabled: true }, "2026-05-01T00:00:00Z");
    expect(suspended).toMatchObject({
      status: "suspended",
      autoRenewEnabled: false,
      scheduledNextTermInstructions: null,
    });
    const active = update(suspended, { status: "active", autoRenewEnabled: true }, "2026-05-02T00:00:00Z");
    expect(active).toMatchObject({ status: "active", autoRenewEnabled: false });
    expect(update(active, { autoRenewEnabled: true }, "2026-05-03T00:00:00Z").autoRenewEnabled).toBe(true);
  });
  it("refuses a quantity change while suspending (2001) and changes to a suspended subscription (800091)", () => {
    expect(
      code(() => update(subscription({ at: BOUGHT }), { status: "suspended", quantity: 11 }, "2026-05-01T00:00:00Z")),
    ).toBe(2001);
    const suspended = update(subscription({ at: BOUGHT }), { status: "suspended" }, "2026-05-01T00:00:00Z");
    expect(code(() => update(suspended, { status: "suspended", quantity: 11 }, "2026-05-02T00:00:00Z"))).toBe(800091);
  });
  it("still lets a suspended subscription be cancelled inside the window (R-SUS-4)", () => {
    const suspended = update(subscription({ at: BOUGHT }), { status: "suspended" }, "2026-01-11T00:00:00Z");
    expect(update(suspended, { status: "deleted" }, "2026-01-12T00:00:00Z").status).toBe("deleted");
  });
});

describe("terms and billing (R-TERM-4)", () => {
  it("only lengthens the term mid-term, starting the longer term now", () => {
    const monthly = subscription({ offerId: "CFQ7TTC0LH18:000P", term: "P1M", at: BOUGHT });
    const yearly = update(monthly, { termDuration: "P1Y", autoRenewEnabled: true }, "2026-01-20T00:00:00Z");
    expect(yearly.termDuration).toBe("P1Y");
    expect(yearly.termEndDate).toBe("2027-01-19T23:59:59.000Z");
    expect(code(() => update(yearly, { termDuration: "P1M", autoRenewEnabled: true }, "2026-01-21T00:00:00Z"))).toBe(
      800122,
    );
  });
  it("refuses a billing-cycle change through PATCH (800097)", () => {
    expect(
      code(() =>
        update(
          subscription({ at: BOUGHT }),
          { billingCycle: "annual", autoRenewEnabled: true },
          "2026-01-11T00:00:00Z",
        ),
      ),
    ).toBe(800097);
  });
});

describe("trials (R-TRI-2)", () => {
  it("refuses seat and status changes during a trial, but lets auto-renew be turned off", () => {
    const trial = subscription({ isTrial: true, at: BOUGHT });
    expect(code(() => update(trial, { quantity: 30, autoRenewEnabled: true }, "2026-01-11T00:00:00Z"))).toBe(800095);
    expect(code(() => update(trial, { status: "suspended" }, "2026-01-11T00:00:00Z"))).toBe(800096);
    expect(code(() => update(trial, { termDuration: "P1Y", autoRenewEnabled: true }, "2026-01-11T00:00:00Z"))).toBe(
      800107,
    );
    expect(update(trial, { autoRenewEnabled: false }, "2026-01-11T00:00:00Z").autoRenewEnabled).toBe(false);
  });
});

describe("after the term (R-SUS-5)", () => {
  it("refuses to reactivate or change an expired or disabled subscription", () => {
    for (const status of ["expired", "disabled"] as const) {
      const ended = { ...subscription({ at: BOUGHT }), status };
      expect(code(() => update(ended, { status: "active", autoRenewEnabled: true }, "2027-02-01T00:00:00Z"))).toBe(
        800096,
      );
    }
  });
  it("stops accepting updates after 1,200 of them (R-QTY-6)", () => {
    const busy = { ...subscription({ at: BOUGHT }), updateCount: 1200 };
    expect(code(() => update(busy, { friendlyName: "x", autoRenewEnabled: true }, "2026-02-01T00:00:00Z"))).toBe(
      900311,
    );
  });
});
