// Real payloads (recorded traffic and Microsoft's documented default shapes, test/fixtures/wire with
// their sources) through the client's mappers: what our own emulator cannot show us.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { availabilityFromWire } from "../../../client/wire/catalog.mappers.js";
import { assignedLicensesFromWire } from "../../../client/wire/graph.mappers.js";
import { subscriptionFromWire } from "../../../client/wire/subscription.mappers.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded JSON; the mapper it is handed declares its wire type
const fixture = (file: string): any =>
  JSON.parse(readFileSync(new URL(`../../fixtures/wire/${file}`, import.meta.url), "utf8"));

describe("recorded payloads", () => {
  it("reads an availability without terms as one with no terms, not as a broken SKU", () => {
    const page = fixture("availabilities.list.no-terms.recorded.response.json");
    const availabilities = page.items.map(availabilityFromWire);
    expect(availabilities).toEqual([
      {
        id: "DZH318Z0RFQB",
        productId: "DZH318Z0BQ4C",
        skuId: "00FF",
        catalogItemId: "DZH318Z0BQ4C:00FF:DZH318Z0RFQB",
        isPurchasable: true,
        terms: [],
      },
    ]);
  });

  it("does not read licences from assignLicense's answer: a user's default properties say nothing about them", () => {
    // Read as [] this answer would pass the read-back of every unassignment and fail every assignment.
    expect(() =>
      assignedLicensesFromWire(fixture("graph.user.assignlicense.default-properties.response.json")),
    ).toThrow(/required array "assignedLicenses" is missing/);
  });

  it("keeps why a subscription is suspended, what the partner may do, and its entitlement", () => {
    const subscription = subscriptionFromWire(fixture("subscription.suspended.recorded.json"));
    expect(subscription).toMatchObject({
      status: "suspended",
      entitlementId: "B34024C7-9258-4841-BD0B-1E2A5D5C9D8D",
      actions: ["Cancel", "Edit"],
      suspensionReasons: ["CustomerCancellation"],
    });
  });

  // Forms recorded in Microsoft's payloads (shared samples: subscription.get.nce, subscription.patch.scheduled-next-term,
  // order.get, cart.create.*, refundableQuantity): trimmed or seven fraction digits, offsets, no zone at all, a date alone.
  it.each([
    ["2021-10-15T21:28:18.4786844Z", "2021-10-15T21:28:18.478Z"],
    ["2021-01-24T20:39:17.182697Z", "2021-01-24T20:39:17.182Z"],
    ["2018-04-04T17:08:20.71Z", "2018-04-04T17:08:20.710Z"],
    ["2022-01-13T00:00:00Z", "2022-01-13T00:00:00Z"],
    ["2019-02-08T00:21:45.9263727+00:00", "2019-02-08T00:21:45.926Z"],
    ["2018-03-06T17:37:05.253-08:00", "2018-03-07T01:37:05.253Z"],
    ["2019-01-09T00:21:45.9263727", "2019-01-09T00:21:45.926Z"],
    ["2022-01-13", "2022-01-13T00:00:00Z"],
    ["2016-12-12T08: 00: 00Z", "2016-12-12T08:00:00Z"],
  ])("reads the timestamp %s as %s, whatever the process's time zone", (wire, canonical) => {
    const subscription = subscriptionFromWire({
      ...fixture("subscription.suspended.recorded.json"),
      creationDate: wire,
      commitmentEndDate: wire,
      cancellationAllowedUntilDate: wire,
    });
    expect([
      subscription.creationDate,
      subscription.commitmentEndDate,
      subscription.cancellationAllowedUntilDate,
    ]).toEqual([canonical, canonical, canonical]);
  });

  it.each(["2021-02-30T00:00:00Z", "13/01/2022", "2022-01-13T25:00:00Z", "soon"])(
    "refuses %s as a timestamp, naming the field",
    (wire) => {
      expect(() =>
        subscriptionFromWire({ ...fixture("subscription.suspended.recorded.json"), commitmentEndDate: wire }),
      ).toThrow(/"commitmentEndDate" should be an ISO 8601 timestamp/);
    },
  );
});
