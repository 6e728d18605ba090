import { describe, expect, it } from "vitest";
import { Throttle, sharedThrottle, withThrottle } from "../../../client/throttle.js";
import type { ClientRequest } from "../../../client/send.js";
import { fakeTimer } from "./fake-timer.js";

const request: ClientRequest = {
  service: "partner-center",
  method: "GET",
  url: "https://pc.test/v1/customers",
  headers: {},
  auth: { kind: "app" },
  operation: "customers.list",
};

describe("Throttle", () => {
  it("lets a burst through, then paces requests at the sustained rate", async () => {
    const timer = fakeTimer();
    const throttle = new Throttle({ requestsPerSecond: 4, burst: 2, maxConcurrency: 100 }, timer);
    const started = timer.now();
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const release = await throttle.acquire();
      times.push(timer.now() - started);
      release();
    }
    expect(times).toEqual([0, 0, 250, 500, 750, 1000]);
  });

  it("never has more than maxConcurrency requests in flight", async () => {
    const throttle = new Throttle({ requestsPerSecond: 1000, burst: 1000, maxConcurrency: 3 }, fakeTimer());
    let inFlight = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const next = async (): Promise<{ status: number; headers: Record<string, string>; body: unknown }> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight--;
      return { status: 200, headers: {}, body: undefined };
    };
    const send = withThrottle(throttle)(next);
    const all = Promise.all(Array.from({ length: 10 }, () => send(request)));
    for (let released = 0; released < 10; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const gate = gates.shift();
      if (gate !== undefined) {
        gate();
        released++;
      }
    }
    await all;
    expect(peak).toBe(3);
    expect(throttle.active).toBe(0);
  });

  it("pauses every caller of the partner after a 429", async () => {
    const timer = fakeTimer();
    const throttle = new Throttle({ requestsPerSecond: 100, burst: 100, maxConcurrency: 10 }, timer);
    throttle.pauseFor(5000);
    const before = timer.now();
    (await throttle.acquire())();
    expect(timer.now() - before).toBe(5000);
  });

  it("is shared per partner and policy", () => {
    const policy = { requestsPerSecond: 3, burst: 3, maxConcurrency: 3 };
    expect(sharedThrottle("partner-a", policy)).toBe(sharedThrottle("partner-a", { ...policy }));
    expect(sharedThrottle("partner-a", policy)).not.toBe(sharedThrottle("partner-b", policy));
  });
});
