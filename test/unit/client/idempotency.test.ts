// The idempotency layer: derived MS-RequestIds inside withWriteKeys, random ones elsewhere, the
// caller's own key always wins.
import { describe, expect, it } from "vitest";
import { withIdempotency, withWriteKeys } from "../../../client/idempotency.js";
import type { ClientRequest, HttpMethod, Send } from "../../../client/send.js";

/** A layer over a recorder: what MS-RequestId each request left with. */
function layer(partnerTenantId = "partner-1", counter = { n: 0 }): (request: ClientRequest) => Promise<string> {
  const next: Send = async (request) => ({
    status: 200,
    headers: {},
    body: request.headers["MS-RequestId"] ?? request.headers["ms-requestid"],
  });
  const send = withIdempotency({ partnerTenantId, newRequestId: () => `random-${++counter.n}` })(next);
  return async (request) => (await send(request)).body as string;
}

const request = (
  method: HttpMethod,
  path: string,
  body?: unknown,
  host = "https://api.partnercenter.microsoft.com",
): ClientRequest => ({
  service: "partner-center",
  method,
  url: `${host}/v1${path}`,
  headers: {},
  auth: { kind: "app" },
  operation: "test",
  ...(body === undefined ? {} : { body }),
});
const cart = request("POST", "/customers/c1/carts", { lineItems: [{ catalogItemId: "X", quantity: 3 }] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("derived MS-RequestId (withWriteKeys)", () => {
  it("is the same in two separate clients for the same meaning and write, whatever host they reach it by, and is a version-8 UUID", async () => {
    const a = await withWriteKeys("buy bp", () => layer()(cart));
    const b = await withWriteKeys("buy bp", () =>
      layer()({ ...cart, url: cart.url.replace("api.partnercenter.microsoft.com", "localhost:4443") }),
    );
    expect(a).toBe(b);
    expect(a).toMatch(UUID);
  });

  it("differs when the meaning, the partner, the path or the body differs", async () => {
    const base = await withWriteKeys("buy bp", () => layer()(cart));
    const others = [
      await withWriteKeys("buy bp after sub-1 existed", () => layer()(cart)),
      await withWriteKeys("buy bp", () => layer("partner-2")(cart)),
      await withWriteKeys("buy bp", () => layer()({ ...cart, url: cart.url.replace("c1", "c2") })),
      await withWriteKeys("buy bp", () =>
        layer()({ ...cart, body: { lineItems: [{ catalogItemId: "X", quantity: 4 }] } }),
      ),
    ];
    expect(new Set([base, ...others]).size).toBe(5);
  });

  it("gives the same write sent twice in one scope a key each time, the same sequence in every process", async () => {
    const twice = (): Promise<string[]> =>
      withWriteKeys("m", async () => {
        const send = layer();
        return [await send(cart), await send(cart)];
      });
    const [first, second] = await twice();
    expect(first).not.toBe(second);
    expect(await twice()).toEqual([first, second]);
  });

  it("leaves reads, writes outside a scope and Graph alone, and keeps a key the caller passed", async () => {
    const send = layer();
    expect(await withWriteKeys("m", () => send(request("GET", "/customers/c1/subscriptions")))).toMatch(/^random-/);
    expect(await send(cart)).toMatch(/^random-/);
    expect(await withWriteKeys("m", () => send({ ...cart, headers: { "ms-requestid": "mine" } }))).toBe("mine");
    expect(await withWriteKeys("m", () => send({ ...cart, service: "graph" }))).toBeUndefined();
  });

  it("keeps each concurrent scope's key to its own writes", async () => {
    const send = layer();
    const [a, b] = await Promise.all([withWriteKeys("a", () => send(cart)), withWriteKeys("b", () => send(cart))]);
    expect(a).toBe(await withWriteKeys("a", () => layer()(cart)));
    expect(b).toBe(await withWriteKeys("b", () => layer()(cart)));
    expect(a).not.toBe(b);
  });
});
