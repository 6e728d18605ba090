// One way to write an amount of money in every view (reconciler/render/money.ts).
import { describe, expect, it } from "vitest";
import { amountOrNoPrices, groupedAmount, plainAmount } from "../../../reconciler/render/money.js";

describe("amounts of money", () => {
  it.each([
    [0, "0.00", "0.00"],
    [-0, "0.00", "0.00"],
    [5, "5.00", "5.00"],
    [1234.5, "1,234.50", "1234.50"],
    [-12345.6, "-12,345.60", "-12345.60"],
    [1234567.89, "1,234,567.89", "1234567.89"],
    [0.1 + 0.2, "0.30", "0.30"],
  ])("%d is %s grouped and %s plain", (value, grouped, plain) => {
    expect(groupedAmount(value)).toBe(grouped);
    expect(plainAmount(value)).toBe(plain);
  });

  it("says when the price sheet had no price", () => {
    expect(amountOrNoPrices(null)).toBe("no prices");
    expect(amountOrNoPrices(36)).toBe("36.00");
  });
});
