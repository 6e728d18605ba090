// The partner ledger cache (emulator/billing/ledger-cache.ts): reused between reads while nothing
// could change it, derived again after a change of records, a clock move past the next charge or
// period end, a clock moved back, or during a write. The over-HTTP proof that a write or a clock
// move between two reads changes the answer is test/integration/emulator-domain/ledger-cache.test.ts.
import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { partnerLedger } from "../../../emulator/billing/invoices.js";
import { recordBillingEvent } from "../../../emulator/billing/ledger.js";
import { cachedPartnerLedger } from "../../../emulator/billing/ledger-cache.js";
import { recordsMayHaveChanged, writeEnded, writeStarted } from "../../../emulator/store/record-index.js";
import { partner, subscription } from "./records.js";

// Microsoft 365 Business Basic, P1Y billed monthly, bought 2026-01-10 09:00: charged on the 10th
function partnerWithOne() {
  const p = partner();
  const s = subscription({ at: "2026-01-10T09:00:00Z" });
  p.subscriptions[s.id] = s;
  return p;
}
const read = (p: ReturnType<typeof partner>, now: string) => cachedPartnerLedger(p, catalog, new Date(now), 1);

describe("cachedPartnerLedger", () => {
  it("answers from the cache between reads that nothing separates, and as a fresh derivation would", () => {
    const p = partnerWithOne();
    const first = read(p, "2026-03-05T00:00:00Z");
    expect(read(p, "2026-03-09T23:59:59Z")).toBe(first);
    expect(first).toEqual(partnerLedger(p, catalog, new Date("2026-03-09T23:59:59Z"), 1));
  });

  it("derives again once the clock reaches the next cycle charge inside the open period", () => {
    const p = partnerWithOne();
    const before = read(p, "2026-03-05T00:00:00Z");
    expect(before.validUntil).toBe(Date.parse("2026-03-10T09:00:00Z"));
    const after = read(p, "2026-03-10T09:00:00Z");
    expect(after).not.toBe(before);
    expect(after.current.charges.map((c) => c.chargeType)).toEqual(["cycleCharge"]);
    expect(before.current.charges).toEqual([]);
  });

  it("derives again when a billing period closes, and when the clock goes back", () => {
    const p = partnerWithOne();
    const march = read(p, "2026-03-20T00:00:00Z");
    expect(march.validUntil).toBe(Date.parse("2026-04-01T00:00:00Z"));
    const april = read(p, "2026-04-01T00:00:00Z");
    expect(april.invoices.map((i) => i.period.month)).toEqual(["202601", "202602", "202603"]);
    const back = read(p, "2026-02-20T00:00:00Z");
    expect(back.invoices.map((i) => i.period.month)).toEqual(["202601"]);
  });

  it("derives again after records may have changed, and never caches during a write", () => {
    const p = partnerWithOne();
    const first = read(p, "2026-03-05T00:00:00Z");
    recordBillingEvent(Object.values(p.subscriptions)[0]!, { kind: "add", at: "2026-03-05T00:00:00Z", quantity: 5 });
    recordsMayHaveChanged();
    const second = read(p, "2026-03-05T00:00:00Z");
    expect(second).not.toBe(first);
    expect(second.current.charges.map((c) => [c.chargeType, c.quantity])).toEqual([["addQuantity", 5]]);
    writeStarted();
    try {
      expect(read(p, "2026-03-05T00:00:00Z")).not.toBe(read(p, "2026-03-05T00:00:00Z"));
    } finally {
      writeEnded();
    }
  });
});
