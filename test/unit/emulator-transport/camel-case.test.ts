import { describe, expect, it } from "vitest";
import { camelCaseKeys, toCamelCase } from "../../../emulator/pipeline/camel-case.js";

describe("toCamelCase", () => {
  it.each([
    ["LineItems", "lineItems"],
    ["lineItems", "lineItems"],
    ["ID", "id"],
    ["Id", "id"],
    ["MPNId", "mpnId"],
    ["ObjectType", "objectType"],
    ["@odata.type", "@odata.type"],
    ["", ""],
  ])("%j → %j", (key, expected) => expect(toCamelCase(key)).toBe(expected));
});

describe("camelCaseKeys", () => {
  it("normalises nested objects and arrays and keeps values, nulls and explicit nulls", () => {
    const pascal = {
      LineItems: [{ CatalogItemId: "DZH318Z0BQ3Q:0001", Quantity: 2, Attributes: { ObjectType: "CartLineItem" } }],
      PromotionId: null,
    };
    expect(camelCaseKeys(pascal)).toEqual({
      lineItems: [{ catalogItemId: "DZH318Z0BQ3Q:0001", quantity: 2, attributes: { objectType: "CartLineItem" } }],
      promotionId: null,
    });
  });
});
