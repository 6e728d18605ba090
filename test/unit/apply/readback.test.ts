import { describe, expect, it } from "vitest";
import type { Subscription } from "../../../client/types.js";
import { discardingCredentialSink } from "../../../reconciler/apply/credentials.js";
import { checkLicenses, subscriptionDifferences } from "../../../reconciler/apply/readback.js";

const read = (overrides: Partial<Subscription>): Subscription =>
  ({
    id: "s1",
    offerId: "CFQ7TTC0LCHC:0002:0001",
    friendlyName: "BP",
    quantity: 5,
    status: "active",
    autoRenewEnabled: true,
    isTrial: false,
    ...overrides,
  }) as Subscription;

describe("read back after a write", () => {
  it("names every field that does not hold the written value", () => {
    expect(subscriptionDifferences({ quantity: 5, autoRenewEnabled: true }, read({}))).toEqual([]);
    expect(subscriptionDifferences({ quantity: 7, friendlyName: "X" }, read({}))).toEqual([
      "quantity: wanted 7, read 5",
      'friendlyName: wanted "X", read "BP"',
    ]);
    expect(subscriptionDifferences({ status: "suspended" }, read({ status: "Suspended" }))).toEqual([]);
    expect(
      subscriptionDifferences(
        { scheduledNextTerm: null },
        read({
          scheduledNextTerm: {
            productId: "P",
            skuId: "S",
            availabilityId: "A",
            billingCycle: "annual",
            termDuration: "P1Y",
            quantity: 3,
          },
        }),
      ),
    ).toEqual(["scheduledNextTerm: wanted none, read one"]);
  });

  it("fails a licence change that did not take, as apply.readback_mismatch", () => {
    expect(() => checkLicenses("customer:a/user:u/license:bp", "SKU-1", true, [{ skuId: "sku-1" }])).not.toThrow();
    expect(() => checkLicenses("customer:a/user:u/license:bp", "SKU-1", true, [])).toThrow(
      expect.objectContaining({ code: "apply.readback_mismatch", address: "customer:a/user:u/license:bp" }),
    );
    expect(() => checkLicenses("customer:a/user:u/license:bp", "SKU-1", false, [{ skuId: "SKU-1" }])).toThrow(
      expect.objectContaining({ code: "apply.readback_mismatch" }),
    );
  });
});

describe("credential records", () => {
  it("a pending record (written before the create) is not counted as saved", () => {
    const sink = discardingCredentialSink();
    sink.record({ address: "customer:a/user:u", userName: "u", password: "p", status: "pending" });
    sink.record({ address: "customer:a/user:u", userName: "u", password: "p", status: "created" });
    expect(sink.discarded).toEqual(["customer:a/user:u"]);
  });
});
