import { describe, expect, it } from "vitest";
import { pickAvailability } from "../../../client/partner-center/orders.js";
import type { Availability } from "../../../client/types.js";

const availability = (id: string, terms: Availability["terms"]): Availability => ({
  id,
  productId: "P",
  skuId: "S",
  catalogItemId: `P:S:${id}`,
  terms,
});
const item = { productId: "P", skuId: "S", quantity: 1 };

describe("pickAvailability", () => {
  const list = [
    availability("A", [{ duration: "P1M", billingCycle: "Monthly" }]),
    availability("B", [
      { duration: "P1Y", billingCycle: "Annual" },
      { duration: "P1Y", billingCycle: "Monthly" },
    ]),
  ];

  it.each([
    ["P1M", "monthly", "A"],
    ["P1Y", "annual", "B"],
    ["P1Y", "monthly", "B"],
  ])("%s billed %s → %s", (termDuration, billingCycle, expected) => {
    expect(pickAvailability(list, { ...item, termDuration, billingCycle }).id).toBe(expected);
  });

  it("matches a trial (billing cycle none) on the term alone", () => {
    expect(
      pickAvailability([availability("T", [{ duration: "P1M", billingCycle: "Monthly" }])], {
        ...item,
        termDuration: "P1M",
        billingCycle: "none",
      }).id,
    ).toBe("T");
  });

  it("buys a trial of an offer sold only on longer terms through its first availability", () => {
    expect(
      pickAvailability([availability("Y", [{ duration: "P1Y", billingCycle: "Annual" }])], {
        ...item,
        termDuration: "P1M",
        billingCycle: "none",
      }).id,
    ).toBe("Y");
  });

  it("names the product, SKU, term and cycle when nothing matches", () => {
    expect(() => pickAvailability(list, { ...item, termDuration: "P3Y", billingCycle: "triennial" })).toThrow(
      /P:S offers a P3Y term billed triennial/,
    );
  });
});
