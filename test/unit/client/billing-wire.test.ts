// Reconciliation rows are read key-case-insensitively with numbers as JSON numbers or strings
// (Microsoft's NCE samples write strings; the v2 export's casing is undocumented: API-2 §1.3–1.4).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reconciliationLineFromWire } from "../../../client/wire/billing.js";

const sample = JSON.parse(
  readFileSync(
    new URL("../../fixtures/partner-center/samples-2/invoice.lineitems.onetime.billing.response.json", import.meta.url),
    "utf8",
  ),
) as { items: Record<string, unknown>[] };

const AMOUNTS = new Set(["unitPrice", "effectiveUnitPrice", "quantity", "subtotal", "taxTotal", "totalForCustomer"]);

describe("reconciliationLineFromWire", () => {
  it("reads Microsoft's sample row (numbers as strings)", () => {
    const line = reconciliationLineFromWire(sample.items[1]);
    expect(line).toMatchObject({
      chargeType: "new",
      quantity: 50,
      unitPriceCents: 1600,
      effectiveUnitPriceCents: 1440,
    });
    expect(line.subtotalCents).toBe(72000);
    expect(line.offerId).toBe("CFQ7TTC0HL8W:0001");
  });

  it("reads the same row with PascalCase keys and JSON numbers", () => {
    const row = Object.fromEntries(
      Object.entries(sample.items[1]!).map(([key, value]) => [
        key[0]!.toUpperCase() + key.slice(1),
        AMOUNTS.has(key) ? Number(value) : value,
      ]),
    );
    expect(reconciliationLineFromWire(row)).toEqual(reconciliationLineFromWire(sample.items[1]));
  });

  it("refuses an amount that is not a number", () => {
    expect(() => reconciliationLineFromWire({ ...sample.items[1], subtotal: "twelve" })).toThrow(/subtotal/);
  });
});
