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

const principal: Principal = { partnerTenantId: "partner", clientId: "app", kind: "app", audience: "partner-center", tenantId: "partner" };

function pipeline(events: string[], latency: { release?: () => void }): ApiPipelineDeps {
  const faults = new FaultInjector(() => 0);
  faults.configure({ ...NO_FAULTS, latencyMs: 30 });
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
      events.push(`latency ${ms} ms started`);
      return new Promise<void>((resolve) => {
        latency.release = () => {
          events.push("latency over");
          resolve();
        };
      });
    },
    log: () => undefined,
  };
}

const incoming = { face: "partner-center" as const, method: "GET", path: "/customers", query: new URLSearchParams(), headers: { authorization: "Bearer x" }, rawBody: "", origin: "https://emulator" };

describe("emulator API pipeline latency", () => {
  it("runs the handler during the latency and answers only when the latency is over", async () => {
    const events: string[] = [];
    const latency: { release?: () => void } = {};
    let answered = false;
    const outcome = handleApiRequest(pipeline(events, latency), incoming).then((o) => {
      answered = true;
      events.push("answered");
      return o;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["latency 30 ms started", "handler ran"]);
    expect(answered).toBe(false);
    latency.release!();
    expect((await outcome).response.status).toBe(200);
    expect(events).toEqual(["latency 30 ms started", "handler ran", "latency over", "answered"]);
  });
});
