import { describe, expect, it } from "vitest";
import {
  addSeats,
  canCancel,
  cancellationAllowedUntil,
  refundableBatches,
  refundableQuantity,
  removeSeats,
} from "../../../emulator/rules/windows.js";
import { subscription } from "./records.js";

describe("NCE cancellation window (R-CAN-1, R-CAN-2)", () => {
  const purchased = subscription({ at: "2026-03-15T11:00:00Z" });
  it.each([
    ["2026-03-15T11:00:01Z", true],
    ["2026-03-22T10:59:59Z", true],
    ["2026-03-22T11:00:00Z", false],
    ["2026-04-01T00:00:00Z", false],
  ])("at %s cancellation allowed = %s (168 h to the clock, not calendar days)", (now, allowed) => {
    expect(canCancel(purchased, new Date(now))).toBe(allowed);
  });
  it("exposes the deadline as cancellationAllowedUntil", () => {
    expect(cancellationAllowedUntil(purchased).toISOString()).toBe("2026-03-22T11:00:00.000Z");
  });
});

describe("seat-reduction windows per batch (R-QTY-1, R-QTY-3, R-QTY-4)", () => {
  const bought = [{ quantity: 10, addedAt: "2026-01-01T00:00:00Z" }];

  it("lets every seat of a fresh purchase be removed within 168 h", () => {
    expect(refundableQuantity(bought, new Date("2026-01-07T23:59:59Z"))).toBe(10);
    expect(refundableQuantity(bought, new Date("2026-01-08T00:00:00Z"))).toBe(0);
  });

  it("opens a separate window for each increase, and lists each as a detail", () => {
    const grown = addSeats(bought, 5, new Date("2026-01-06T00:00:00Z"));
    const at = new Date("2026-01-09T00:00:00Z");
    expect(refundableBatches(grown, at)).toEqual([{ quantity: 5, allowedUntil: new Date("2026-01-13T00:00:00Z") }]);
    expect(removeSeats(grown, 5, at)).toEqual([{ quantity: 10, addedAt: "2026-01-01T00:00:00Z" }]);
    expect(removeSeats(grown, 6, at)).toBeUndefined();
  });

  it("takes removed seats from the newest refundable batches first", () => {
    const batches = [
      { quantity: 10, addedAt: "2026-01-01T00:00:00Z" },
      { quantity: 3, addedAt: "2026-01-02T00:00:00Z" },
      { quantity: 2, addedAt: "2026-01-03T00:00:00Z" },
    ];
    expect(removeSeats(batches, 4, new Date("2026-01-04T00:00:00Z"))).toEqual([
      { quantity: 10, addedAt: "2026-01-01T00:00:00Z" },
      { quantity: 1, addedAt: "2026-01-02T00:00:00Z" },
    ]);
  });
});
