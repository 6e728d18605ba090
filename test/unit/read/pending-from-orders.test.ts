// Orders are read before subscriptions: an order completing in between shows in both reads. Its
// lines must then not also appear as pending subscriptions (the planner would see two matches).
import { describe, expect, it } from "vitest";
import type { Order, Subscription } from "../../../client/types.js";
import { pendingFromOrders } from "../../../reconciler/read/read-actual.js";

const BP = "CFQ7TTC0LCHC:0002";
const EXO = "CFQ7TTC0LH16:0001";

function order(id: string, lines: Order["lines"]): Order {
  return { id, status: "pending", billingCycle: "monthly", lines };
}

function subscription(id: string, offerId: string, orderId?: string): Subscription {
  return {
    id,
    offerId,
    friendlyName: "",
    quantity: 3,
    status: "active",
    autoRenewEnabled: true,
    isTrial: false,
    ...(orderId ? { orderId } : {}),
  };
}

describe("pendingFromOrders", () => {
  it("turns the lines of a pending order into pending subscriptions", () => {
    const pending = pendingFromOrders(
      [order("o1", [{ lineNumber: 0, offerId: `${BP}:0001`, quantity: 3, termDuration: "P1Y" }])],
      [],
    );
    expect(pending.map((s) => [s.id, s.offerId, s.status, s.quantity, s.term])).toEqual([
      ["order:o1/line:0", BP, "pending", 3, "P1Y"],
    ]);
  });

  it("leaves out a line whose order already produced a listed subscription of the same offer (read between the two reads)", () => {
    const orders = [
      order("o1", [
        { lineNumber: 0, offerId: `${BP}:0001`, quantity: 3 },
        { lineNumber: 1, offerId: `${EXO}:0001`, quantity: 1 },
      ]),
    ];
    const listed = [subscription("s-bp", `${BP}:0001`, "O1")];
    // the BP line is the listed subscription (order ids compare case-insensitively); the EXO line is still provisioning
    expect(pendingFromOrders(orders, listed).map((s) => s.id)).toEqual(["order:o1/line:1"]);
  });

  it("claims one listed subscription per line: two lines of one offer and one subscription leave one pending", () => {
    const orders = [
      order("o1", [
        { lineNumber: 0, offerId: `${BP}:0001`, quantity: 3 },
        { lineNumber: 1, offerId: `${BP}:0001`, quantity: 2 },
      ]),
    ];
    expect(pendingFromOrders(orders, [subscription("s-bp", `${BP}:0001`, "o1")]).map((s) => s.id)).toEqual([
      "order:o1/line:1",
    ]);
  });

  it("keeps lines whose subscriptions come from other orders, and drops lines that name a listed subscription id", () => {
    const orders = [
      order("o2", [
        { lineNumber: 0, offerId: `${BP}:0001`, quantity: 3 },
        { lineNumber: 1, offerId: `${EXO}:0001`, quantity: 1, subscriptionId: "S-EXO" },
      ]),
    ];
    const listed = [subscription("s-bp-old", `${BP}:0001`, "o1"), subscription("s-exo", `${EXO}:0001`)];
    expect(pendingFromOrders(orders, listed).map((s) => s.id)).toEqual(["order:o2/line:0"]);
  });

  it("does not let a line that names its listed subscription leave that subscription for another line of the same order and offer to claim", () => {
    // line 0 is provisioned (its subscriptionId is listed); line 1, of the same offer, is still provisioning
    const orders = [
      order("o1", [
        { lineNumber: 0, offerId: `${BP}:0001`, quantity: 3, subscriptionId: "S-BP-1" },
        { lineNumber: 1, offerId: `${BP}:0001`, quantity: 2 },
      ]),
    ];
    expect(pendingFromOrders(orders, [subscription("s-bp-1", `${BP}:0001`, "o1")]).map((s) => s.id)).toEqual([
      "order:o1/line:1",
    ]);
  });
});
