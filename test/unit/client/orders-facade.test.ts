// Order polling: checkout answers before provisioning; the client waits for every subscription id
// and stops at once on an order that failed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cartsFacade, ordersFacade } from "../../../client/partner-center/orders.js";
import { catalogFacade } from "../../../client/partner-center/catalog.js";
import { ok, scriptedCaller, type Answer } from "./scripted-caller.js";
import { SAMPLES_DIR } from "../../contract/samples.js";

const order = JSON.parse(readFileSync(`${SAMPLES_DIR}order.get.response.json`, "utf8")) as {
  lineItems: Array<Record<string, unknown>>;
  status: string;
};
const withoutSubscriptions = { ...order, status: "pending" };
const provisioned = {
  ...order,
  status: "completed",
  lineItems: order.lineItems.map((line, index) => ({ ...line, subscriptionId: `sub-${index}` })),
};

function orders(answers: Answer[]) {
  const { caller, seen, timer } = scriptedCaller(answers);
  return { orders: ordersFacade(caller, cartsFacade(caller), catalogFacade(caller)), seen, timer };
}

describe("orders.waitForSubscriptions", () => {
  it("polls while pending and while lines lack subscription ids", async () => {
    const completedWithoutIds = { ...withoutSubscriptions, status: "completed" };
    const {
      orders: facade,
      seen,
      timer,
    } = orders([ok(withoutSubscriptions), ok(completedWithoutIds), ok(provisioned)]);
    const result = await facade.waitForSubscriptions("c1", "o1");
    expect(result.lines.map((line) => line.subscriptionId)).toEqual(
      order.lineItems.map((_line, index) => `sub-${index}`),
    );
    expect(seen).toHaveLength(3);
    expect(timer.sleeps).toEqual([1000, 1000]);
  });

  it("fails at once when the order is cancelled", async () => {
    const { orders: facade, seen } = orders([
      ok(withoutSubscriptions),
      ok({ ...withoutSubscriptions, status: "cancelled" }),
    ]);
    await expect(facade.waitForSubscriptions("c1", "o1")).rejects.toMatchObject({
      code: "client.bad_request",
      address: "customer:c1",
    });
    expect(seen).toHaveLength(2);
  });

  it("times out with client.operation_timeout when provisioning never finishes", async () => {
    const { orders: facade } = orders(Array.from({ length: 20 }, () => ok(withoutSubscriptions)));
    await expect(facade.waitForSubscriptions("c1", "o1")).rejects.toMatchObject({
      code: "client.operation_timeout",
      retryable: true,
    });
  });
});
