import { describe, expect, it } from "vitest";
import { PartnerCenterError, errorFromResponse } from "../../../client/errors.js";
import { withIdempotency } from "../../../client/idempotency.js";
import { RetryBudget, decideRetry, defaultRetryPolicy, withRetry } from "../../../client/retry.js";
import type { ClientRequest, ClientResponse, Send } from "../../../client/send.js";
import { fakeTimer } from "./fake-timer.js";

const write: ClientRequest = {
  service: "partner-center",
  method: "POST",
  url: "https://pc.test/v1/customers/c/carts",
  headers: {},
  body: {},
  auth: { kind: "app" },
  operation: "carts.create",
};
const ok: ClientResponse = { status: 201, headers: {}, body: { id: "cart" } };

function httpError(
  status: number,
  body: unknown = {},
  headers: Record<string, string> = {},
  request: ClientRequest = write,
): PartnerCenterError {
  return errorFromResponse({ service: request.service, status, body, headers, request });
}

function networkError(notSent: boolean): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.network_error",
    message: "reset",
    service: "partner-center",
    retryable: true,
    notSent,
  });
}

/** A `next` that fails with the given errors in order, then answers 201, recording what it saw. */
function script(failures: unknown[]): Send & { seen: ClientRequest[] } {
  const seen: ClientRequest[] = [];
  const send = async (request: ClientRequest): Promise<ClientResponse> => {
    seen.push(request);
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    return ok;
  };
  return Object.assign(send, { seen });
}

describe("decideRetry", () => {
  const idempotent = { ...write, idempotent: true };
  const random = (): number => 0.5;
  it.each([
    ["500 on an idempotent write", httpError(500), idempotent, 1, true],
    ["503", httpError(503), idempotent, 1, true],
    ["408", httpError(408), idempotent, 1, true],
    ["409 800064 cart being processed", httpError(409, { code: 800064, description: "busy" }), idempotent, 1, true],
    ["409 800082 subscription not ready", httpError(409, { code: "800082", description: "busy" }), idempotent, 1, true],
    [
      "409 without a retryable code",
      httpError(409, { code: 900278, description: "pending 24h" }),
      idempotent,
      1,
      false,
    ],
    ["400 business rejection", httpError(400, { code: 800090, description: "no decrease" }), idempotent, 1, false],
    ["404", httpError(404), idempotent, 1, false],
    ["501 not implemented", httpError(501), idempotent, 1, false],
    ["500 on a write without a key", httpError(500), { ...write, idempotent: false }, 1, false],
    ["connection reset on a write without a key", networkError(false), { ...write, idempotent: false }, 1, false],
    ["connection refused on a write without a key", networkError(true), { ...write, idempotent: false }, 1, true],
    [
      "429 on a write without a key",
      httpError(429, { statusCode: 429, message: "x" }, { "retry-after": "3" }),
      { ...write, idempotent: false },
      1,
      true,
    ],
    ["the last attempt", httpError(500), idempotent, defaultRetryPolicy.maxAttempts, false],
    ["a non-HTTP error", new TypeError("bug"), idempotent, 1, false],
  ])("%s → retry %s", (_name, error, request, attempt, expected) => {
    expect(decideRetry(error, request, attempt, defaultRetryPolicy, random).retry).toBe(expected);
  });

  it("uses full jitter: a random share of an exponentially growing, capped ceiling", () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 };
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) =>
      decideRetry(httpError(500), { ...write, idempotent: true }, attempt, policy, () => 0.999),
    );
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([99, 199, 399, 799, 999, 999]);
    const low = decideRetry(httpError(500), { ...write, idempotent: true }, 3, policy, () => 0);
    expect(low).toEqual({ retry: true, delayMs: 0, cost: 1 });
  });

  it("honours Retry-After on 429 and 503, and refuses one longer than the limit", () => {
    const throttled = httpError(
      429,
      { statusCode: 429, message: "Rate limit is exceeded. Try again in 7 seconds." },
      { "retry-after": "7" },
    );
    expect(decideRetry(throttled, write, 1, defaultRetryPolicy, () => 0.1)).toEqual({
      retry: true,
      delayMs: 7000,
      cost: 0,
    });
    const unavailable = httpError(503, {}, { "retry-after": "2" });
    expect(decideRetry(unavailable, { ...write, idempotent: true }, 1, defaultRetryPolicy, () => 0.1)).toEqual({
      retry: true,
      delayMs: 2000,
      cost: 1,
    });
    const tooLong = httpError(429, {}, { "retry-after": "3600" });
    expect(decideRetry(tooLong, write, 1, defaultRetryPolicy, () => 0.1).retry).toBe(false);
  });
});

describe("idempotency + retry", () => {
  it("resends a write with the same MS-RequestId on every retry", async () => {
    const timer = fakeTimer([0.5]);
    const next = script([httpError(500), networkError(false), httpError(503, {}, { "retry-after": "1" })]);
    let ids = 0;
    const send = withIdempotency({ newRequestId: () => `id-${++ids}` })(withRetry({ timer })(next));
    await expect(send(write)).resolves.toEqual(ok);
    expect(next.seen.map((r) => r.headers["MS-RequestId"])).toEqual(["id-1", "id-1", "id-1", "id-1"]);
    expect(timer.sleeps).toEqual([250, 500, 1000]);
    await send(write);
    expect(next.seen.at(-1)?.headers["MS-RequestId"]).toBe("id-2");
  });

  it("keeps a caller-supplied MS-RequestId", async () => {
    const next = script([]);
    await withIdempotency()(next)({ ...write, headers: { "MS-RequestId": "mine" } });
    expect(next.seen[0]?.headers["MS-RequestId"]).toBe("mine");
  });

  it("never resends a Graph write that has no idempotency key after it may have arrived", async () => {
    const timer = fakeTimer();
    const graphWrite: ClientRequest = { ...write, service: "graph", url: "https://graph.test/v1.0/users" };
    const next = script([httpError(500, {}, {}, graphWrite)]);
    const send = withIdempotency()(withRetry({ timer })(next));
    await expect(send(graphWrite)).rejects.toMatchObject({ code: "client.server_error", status: 500 });
    expect(next.seen).toHaveLength(1);
    expect(next.seen[0]?.headers["MS-RequestId"]).toBeUndefined();
  });

  it("retries a Graph write the façade marks idempotent (assignLicense)", async () => {
    const next = script([httpError(409, { error: { code: "Directory_ConcurrencyViolation", message: "x" } })]);
    const send = withIdempotency()(withRetry({ timer: fakeTimer() })(next));
    await expect(send({ ...write, service: "graph", idempotent: true })).resolves.toEqual(ok);
    expect(next.seen).toHaveLength(2);
  });

  it("stops with client.retry_budget_exhausted when the shared budget is spent", async () => {
    const budget = new RetryBudget(2, 0);
    const next = script([httpError(500), httpError(500), httpError(500), httpError(500)]);
    const send = withIdempotency()(withRetry({ timer: fakeTimer(), budget })(next));
    await expect(send(write)).rejects.toMatchObject({ code: "client.retry_budget_exhausted", retryable: false });
    expect(next.seen).toHaveLength(3);
    expect(budget.remaining).toBe(0);
  });

  it("gives up after maxAttempts and surfaces the last error", async () => {
    const next = script(Array.from({ length: 10 }, () => httpError(502)));
    const send = withIdempotency()(withRetry({ timer: fakeTimer(), policy: { maxAttempts: 3 } })(next));
    await expect(send(write)).rejects.toMatchObject({ code: "client.server_error", status: 502 });
    expect(next.seen).toHaveLength(3);
  });
});
