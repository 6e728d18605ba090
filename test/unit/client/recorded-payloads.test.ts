// Real payloads (recorded traffic and Microsoft's documented default shapes, test/fixtures/wire with
// their sources) through the client's mappers: what our own emulator cannot show us.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availabilityFromWire } from "../../../client/wire/catalog.mappers.js";
import { assignedLicensesFromWire } from "../../../client/wire/graph.mappers.js";
import { subscriptionFromWire } from "../../../client/wire/subscription.mappers.js";

const fixture = (file: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/wire/${file}`, import.meta.url), "utf8"));

describe("recorded payloads", () => {
  it("reads an availability without terms as one with no terms, not as a broken SKU", () => {
    const page = fixture("availabilities.list.no-terms.recorded.response.json");
    const availabilities = page.items.map(availabilityFromWire);
    expect(availabilities).toEqual([{ id: "DZH318Z0RFQB", productId: "DZH318Z0BQ4C", skuId: "00FF", catalogItemId: "DZH318Z0BQ4C:00FF:DZH318Z0RFQB", isPurchasable: true, terms: [] }]);
  });

  it("does not read licences from assignLicense's answer: a user's default properties say nothing about them", () => {
    // Read as [] this answer would pass the read-back of every unassignment and fail every assignment.
    expect(() => assignedLicensesFromWire(fixture("graph.user.assignlicense.default-properties.response.json"))).toThrow(/required array "assignedLicenses" is missing/);
  });

  it("keeps why a subscription is suspended, what the partner may do, and its entitlement", () => {
    const subscription = subscriptionFromWire(fixture("subscription.suspended.recorded.json"));
    expect(subscription).toMatchObject({ status: "suspended", entitlementId: "B34024C7-9258-4841-BD0B-1E2A5D5C9D8D", actions: ["Cancel", "Edit"], suspensionReasons: ["CustomerCancellation"] });
  });
});
