// The partner ledger cache (emulator/billing/ledger-cache.ts): reused between reads while nothing
// could change it, derived again after a change of records, a clock move past the next charge or
// period end, a clock moved back, or during a write. The over-HTTP proof that a write or a clock
// move between two reads changes the answer is test/integration/emulator-domain/ledger-cache.test.ts.
import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { partnerLedger } from "../../../emulator/billing/invoices.js";
import { recordBillingEvent } from "../../../emulator/billing/ledger.js";
import { cachedPartnerLedger } from "../../../emulator/billing/ledger-cache.js";
import {
  recordsGeneration,
  recordsMayHaveChanged,
  writeEnded,
  writeStarted,
} from "../../../emulator/store/record-index.js";
import { basicSeed, createHarness } from "./harness.js";
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

describe("writes that change no record", () => {
  it("starting a billing export leaves the records' generation (and so the cached ledger) as it was; a real write does not", async () => {
    const harness = createHarness();
    harness.domain.seed(basicSeed(1));
    await harness.call("GET", "/invoices"); // runs the due work the seed left
    const before = recordsGeneration();
    const started = await harness.call("POST", "/reports/partners/billing/reconciliation/billed/export", {
      face: "graph",
      body: { invoiceId: "G202601001" },
    });
    expect(started.status).toBe(202);
    await harness.call("POST", "/reports/partners/billing/reconciliation/unbilled/export", {
      face: "graph",
      body: { currencyCode: "USD", billingPeriod: "current" },
    });
    expect(recordsGeneration()).toBe(before);
    const customer = await harness.call("POST", "/customers", {
      body: {
        companyProfile: { domain: "ledgercache.onmicrosoft.com" },
        billingProfile: {
          email: "a@b.example",
          culture: "en-US",
          language: "en",
          companyName: "Ledger Cache",
          defaultAddress: {
            country: "US",
            city: "Redmond",
            state: "WA",
            addressLine1: "1 Way",
            postalCode: "98052",
            firstName: "A",
            lastName: "B",
            phoneNumber: "4255550100",
          },
        },
      },
    });
    expect(customer.status).toBe(201);
    expect(recordsGeneration()).not.toBe(before);
  });
});
