// Injected latency is the service's response time, its own work included: the handler runs while
// the latency runs, and the answer leaves when both are done. Time is a promise the test resolves,
// so nothing here depends on the machine's speed.
import { describe, expect, it } from "vitest";
import { NO_FAULTS } from "../../../emulator/faults/fault-config.js";
import { FaultInjector } from "../../../emulator/faults/fault-injector.js";
import { handleApiRequest, type ApiPipelineDeps } from "../../../emulator/pipeline/api-pipeline.js";
import type { Authenticator } from "../../../emulator/pipeline/authenticate.js";
import { ReplayStore } from "../../../emulator/pipeline/replay-store.js";
import { RouteTable } from "../../../emulator/pipeline/route-table.js";
import { RequestStats } from "../../../emulator/pipeline/stats.js";
import type { HandlerContext, Principal } from "../../../emulator/pipeline/types.js";

const principal: Principal = {
  partnerTenantId: "partner",
  clientId: "app",
  kind: "app",
  audience: "partner-center",
  tenantId: "partner",
};

/** Each sleep the pipeline starts, in order, released by the test. */
type Sleeps = { ms: number; release: () => void }[];

function pipeline(events: string[], sleeps: Sleeps, faultConfig: Partial<typeof NO_FAULTS>): ApiPipelineDeps {
  const faults = new FaultInjector(() => 0);
  faults.configure({ ...NO_FAULTS, ...faultConfig });
  return {
    routes: new RouteTable([
      {
        face: "partner-center",
        method: "GET",
        template: "/customers",
        auth: "app-or-user",
        write: false,
        handler: () => {
          events.push("handler ran");
          return { status: 200, body: { totalCount: 0, items: [] } };
        },
      },
    ]),
    authenticator: { authenticate: () => Promise.resolve(principal) } as unknown as Authenticator,
    faults,
    replay: new ReplayStore(),
    stats: new RequestStats(),
    context: {} as HandlerContext,
    persist: () => Promise.resolve(),
    sleep: (ms) => {
      events.push(`sleep ${ms} ms started`);
      return new Promise<void>((resolve) => {
        sleeps.push({
          ms,
          release: () => {
            events.push(`sleep ${ms} ms over`);
            resolve();
          },
        });
      });
    },
    log: () => undefined,
  };
}

const incoming = {
  face: "partner-center" as const,
  method: "GET",
  path: "/customers",
  query: new URLSearchParams(),
  headers: { authorization: "Bearer x" },
  rawBody: "",
  origin: "https://emulator",
};

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function start(
  deps: ApiPipelineDeps,
  events: string[],
): { outcome: Promise<Awaited<ReturnType<typeof handleApiRequest>>>; answered: () => boolean } {
  let answered = false;
  const outcome = handleApiRequest(deps, incoming).then((o) => {
    answered = true;
    events.push("answered");
    return o;
  });
  return { outcome, answered: () => answered };
}

describe("emulator API pipeline latency", () => {
  it("runs the handler during the latency and answers only when the latency is over", async () => {
    const events: string[] = [];
    const sleeps: Sleeps = [];
    const run = start(pipeline(events, sleeps, { latencyMs: 30 }), events);
    await settle();
    expect(events).toEqual(["sleep 30 ms started", "handler ran"]);
    expect(run.answered()).toBe(false);
    sleeps[0]!.release();
    expect((await run.outcome).response.status).toBe(200);
    expect(events).toEqual(["sleep 30 ms started", "handler ran", "sleep 30 ms over", "answered"]);
  });

  it("runs the handler only after the jitter, and answers after latency plus jitter", async () => {
    const events: string[] = [];
    const sleeps: Sleeps = [];
    const run = start(pipeline(events, sleeps, { latencyMs: 30, jitterMs: 1_000, seed: 3 }), events);
    await settle();
    const [whole, jitter] = sleeps;
    expect(jitter!.ms).toBeGreaterThan(0);
    expect(whole!.ms).toBe(30 + jitter!.ms);
    expect(events).not.toContain("handler ran");
    jitter!.release();
    await settle();
    expect(events.at(-1)).toBe("handler ran");
    expect(run.answered()).toBe(false);
    whole!.release();
    expect((await run.outcome).response.status).toBe(200);
    expect(events.at(-1)).toBe("answered");
  });

  it("answers a throttled request with its 429 after the latency, without running the handler", async () => {
    const events: string[] = [];
    const sleeps: Sleeps = [];
    const deps = pipeline(events, sleeps, { latencyMs: 30, rateLimitPerMinute: 1 });
    const first = start(deps, events);
    await settle();
    sleeps[0]!.release();
    expect((await first.outcome).response.status).toBe(200);
    events.length = 0;
    const run = start(deps, events);
    await settle();
    expect(run.answered()).toBe(false);
    sleeps.at(-1)!.release();
    expect((await run.outcome).response.status).toBe(429);
    expect(events).not.toContain("handler ran");
  });
});
