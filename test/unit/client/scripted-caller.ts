// A ServiceCaller over a scripted `send`, for façade paths the emulator cannot produce (202
// Accepted, failed orders). Time is the fake timer; nothing sleeps.
import { Agent } from "undici";
import { resolveConfig } from "../../../client/config.js";
import { silentLogger } from "../../../client/log.js";
import type { ClientRequest, ClientResponse } from "../../../client/send.js";
import { ServiceCaller } from "../../../client/service.js";
import { Throttle } from "../../../client/throttle.js";
import type { Transport } from "../../../client/transport.js";
import { fakeTimer, type FakeTimer } from "./fake-timer.js";

export type Answer = ClientResponse | Error;

const config = resolveConfig(
  {},
  {
    CSPCTL_TENANT_ID: "t",
    CSPCTL_CLIENT_ID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    CSPCTL_CLIENT_SECRET: "x".repeat(12),
    CSPCTL_PARTNER_CENTER_URL: "https://pc.test",
  },
);

export function scriptedCaller(
  answers: Answer[],
  poll = { intervalMs: 1000, timeoutMs: 10_000 },
): { caller: ServiceCaller; seen: ClientRequest[]; timer: FakeTimer } {
  const seen: ClientRequest[] = [];
  const timer = fakeTimer();
  const send = async (request: ClientRequest): Promise<ClientResponse> => {
    seen.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected ${request.method} ${request.url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const transport: Transport = {
    send,
    config,
    logger: silentLogger,
    timer,
    correlationId: "c",
    throttle: new Throttle({ requestsPerSecond: 1, burst: 1, maxConcurrency: 1 }),
    // scripted callers never download blobs; a request through this dispatcher is a test bug
    dispatcher: new Agent(),
    close: async () => undefined,
  };
  return { caller: new ServiceCaller(transport, { partnerCenterAuth: "app", graphAuth: "app", poll }), seen, timer };
}

export const ok = (body: unknown, headers: Record<string, string> = {}, status = 200): ClientResponse => ({
  status,
  headers,
  body,
});
