import { describe, expect, it } from "vitest";
import { EmulatorHttpError } from "../../../emulator/errors.js";
import { NO_FAULTS, parseFaultConfig } from "../../../emulator/faults/fault-config.js";
import { FaultInjector } from "../../../emulator/faults/fault-injector.js";
import { seededRandom } from "../../../emulator/faults/random.js";
import { RateLimiter } from "../../../emulator/faults/rate-limiter.js";

describe("seededRandom", () => {
  it("repeats for the same seed and differs for another", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("RateLimiter", () => {
  it("allows N per sliding minute per key and says how long to wait", () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take("p1"), limiter.take("p1"), limiter.take("p1")]).toEqual([undefined, undefined, undefined]);
    now = 20_000;
    expect(limiter.take("p1")).toBe(40);
    expect(limiter.take("p2")).toBeUndefined();
    now = 60_000;
    expect([limiter.take("p1"), limiter.take("p1"), limiter.take("p1")]).toEqual([undefined, undefined, undefined]);
    expect(limiter.take("p1")).toBe(60);
  });
});

describe("parseFaultConfig", () => {
  it("fills unspecified fields with their off value", () => {
    expect(parseFaultConfig({ errorRate: 0.5, seed: 7 })).toEqual({ ...NO_FAULTS, errorRate: 0.5, seed: 7 });
  });

  it("lists every problem in one 400", () => {
    try {
      parseFaultConfig({ errorRate: 2, latencyMs: -1, rateLimitPerMinute: 0, bogus: true });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EmulatorHttpError);
      const body = (error as EmulatorHttpError).body as { data: string[] };
      expect((error as EmulatorHttpError).status).toBe(400);
      expect(body.data).toHaveLength(4);
    }
  });
});

describe("FaultInjector", () => {
  const run = (seed: number): string[] => {
    const injector = new FaultInjector(() => 0);
    injector.configure({ ...NO_FAULTS, seed, errorRate: 0.3, dropRate: 0.3, jitterMs: 100 });
    return Array.from({ length: 50 }, (_, i) => {
      const d = injector.decide("p", "POST /v1/customers", i % 2 === 0);
      return `${d.fail ? "F" : "-"}${d.drop ? "D" : "-"}${d.delayMs}`;
    });
  };

  it("gives the same decisions for the same seed and request sequence", () => {
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it("drops writes only and honours the route filter", () => {
    const injector = new FaultInjector(() => 0);
    injector.configure({ ...NO_FAULTS, dropRate: 1, errorRate: 1, routes: ["POST /v1/customers"] });
    expect(injector.decide("p", "GET /v1/customers", false)).toMatchObject({ drop: false, fail: false });
    expect(injector.decide("p", "POST /v1/customers", true)).toMatchObject({ drop: true, fail: true });
  });

  it("delays by the fixed latency plus a jitter below jitterMs", () => {
    const injector = new FaultInjector(() => 0);
    injector.configure({ ...NO_FAULTS, latencyMs: 10 });
    expect(injector.decide("p", "GET /v1/customers", false).delayMs).toBe(10);
    injector.configure({ ...NO_FAULTS, latencyMs: 10, jitterMs: 100 });
    const delays = Array.from({ length: 200 }, () => injector.decide("p", "GET /v1/customers", false).delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...delays)).toBeLessThan(110);
    expect(new Set(delays).size).toBeGreaterThan(20);
  });

  it("throttles per partner once the limit is reached", () => {
    const injector = new FaultInjector(() => 1_000);
    injector.configure({ ...NO_FAULTS, rateLimitPerMinute: 1 });
    expect(injector.decide("a", "GET /v1/customers", false).throttleSeconds).toBeUndefined();
    expect(injector.decide("a", "GET /v1/customers", false).throttleSeconds).toBe(60);
    expect(injector.decide("b", "GET /v1/customers", false).throttleSeconds).toBeUndefined();
  });
});
