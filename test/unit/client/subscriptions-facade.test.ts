// Read-modify-write, stale ETags and 202 Accepted polling of the subscriptions façade. The emulator
// never answers 202, so these paths run against a scripted `send` (time is the fake timer).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../../../client/errors.js";
import { subscriptionsFacade } from "../../../client/partner-center/subscriptions.js";
import type { ClientResponse } from "../../../client/send.js";
import { scriptedCaller, type Answer } from "./scripted-caller.js";
import { SAMPLES_DIR } from "../../contract/samples.js";

const sample = JSON.parse(
  readFileSync(`${SAMPLES_DIR}subscription.patch.scheduled-next-term.response.json`, "utf8"),
) as Record<string, unknown>;

function facade(answers: Answer[]) {
  const { caller, seen, timer } = scriptedCaller(answers);
  return { subscriptions: subscriptionsFacade(caller), seen, timer };
}

const resource = (changes: Record<string, unknown> = {}, etag = "etag-1"): ClientResponse => ({
  status: 200,
  headers: {},
  body: { ...sample, attributes: { objectType: "Subscription", etag }, ...changes },
});

describe("subscriptions.update", () => {
  it("PATCHes the full resource with If-Match, keeping auto-renew and scheduled instructions", async () => {
    const { subscriptions, seen } = facade([resource(), resource({ quantity: 9 })]);
    const updated = await subscriptions.update("c1", "s1", { quantity: 9 });
    expect(updated.quantity).toBe(9);
    const patch = seen[1]!;
    expect(patch.method).toBe("PATCH");
    expect(patch.url).toBe("https://pc.test/v1/customers/c1/subscriptions/s1");
    expect(patch.headers["If-Match"]).toBe('"etag-1"');
    const body = patch.body as Record<string, unknown>;
    expect(body).toMatchObject({
      quantity: 9,
      autoRenewEnabled: true,
      friendlyName: sample["friendlyName"],
      scheduledNextTermInstructions: sample["scheduledNextTermInstructions"],
    });
    expect(Object.keys(body).sort()).toEqual(Object.keys({ ...sample, attributes: {} }).sort());
  });

  it("reads again and retries once when the ETag went stale", async () => {
    const stale = errorFromResponse({
      service: "partner-center",
      status: 400,
      body: { code: 2055, description: "The ETag is no longer valid." },
      headers: {},
      request: { method: "PATCH", url: "https://pc.test/v1/x" },
    });
    const { subscriptions, seen } = facade([
      resource({}, "old"),
      stale,
      resource({}, "new"),
      resource({ quantity: 3 }, "newer"),
    ]);
    expect((await subscriptions.update("c1", "s1", { quantity: 3 })).quantity).toBe(3);
    expect(seen.filter((request) => request.method === "PATCH").map((request) => request.headers["If-Match"])).toEqual([
      '"old"',
      '"new"',
    ]);
  });

  it("gives up after the second stale ETag", async () => {
    const stale = (): Error =>
      errorFromResponse({
        service: "partner-center",
        status: 412,
        body: {},
        headers: {},
        request: { method: "PATCH", url: "https://pc.test/v1/x" },
      });
    const { subscriptions } = facade([resource(), stale(), resource(), stale()]);
    await expect(subscriptions.update("c1", "s1", { quantity: 3 })).rejects.toMatchObject({
      code: "client.precondition_failed",
    });
  });

  it("polls the Location of a 202 until the change shows", async () => {
    const location = "/v1/customers/c1/subscriptions/s1";
    const { subscriptions, seen, timer } = facade([
      resource(),
      { status: 202, headers: { location }, body: undefined },
      resource({ quantity: 5 }),
      resource({ quantity: 5 }),
      resource({ quantity: 12 }),
    ]);
    const updated = await subscriptions.update("c1", "s1", { quantity: 12 });
    expect(updated.quantity).toBe(12);
    expect(seen.slice(2).map((request) => request.url)).toEqual(
      Array(3).fill("https://pc.test/v1/customers/c1/subscriptions/s1"),
    );
    expect(timer.sleeps).toEqual([1000, 1000]);
  });

  it("times out with client.operation_timeout when a 202 never completes", async () => {
    const answers: Answer[] = [
      resource(),
      { status: 202, headers: { location: "/customers/c1/subscriptions/s1" }, body: undefined },
    ];
    for (let i = 0; i < 20; i++) answers.push(resource({ quantity: 5 }));
    const { subscriptions } = facade(answers);
    await expect(subscriptions.update("c1", "s1", { quantity: 12 })).rejects.toMatchObject({
      code: "client.operation_timeout",
    });
  });
});
