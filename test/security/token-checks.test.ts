// Every class of bad token, sent with every kind of write the emulator takes, is refused with 401
// (or 404 for another partner's token, which must not even learn the customer exists), and the
// persisted state is byte-for-byte what it was: nothing was bought, changed or created.
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPair, SignJWT, exportJWK, decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataDir, readDataDir } from "../helpers/data-dir.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { knownPartner, seedOf, tokenForm, type KnownPartner } from "../helpers/known-partners.js";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

let wallOffsetMs = 0;
let emu: TestEmulator;
let dataDir: string;
let a: KnownPartner;
let b: KnownPartner;
let cartId: string;
let catalogItemId: string;
const tokens: Record<string, { pc: string; graph: string }> = {};

async function issue(
  partner: KnownPartner,
  audience: "partner-center" | "graph",
  kind: "app" | "user",
  tenant = partner.tenantId,
): Promise<string> {
  const result = await emu.send(`/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    rawBody: tokenForm(partner, audience, kind),
    headers: FORM,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return (result.body as { access_token: string }).access_token;
}

function replacePayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

async function signedElsewhere(real: string, header: Record<string, unknown> = {}): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const claims = decodeJwt(real);
  const kid = decodeProtectedHeader(real).kid;
  const jwk = await exportJWK(publicKey);
  const protectedHeader = {
    alg: "RS256",
    typ: "JWT",
    kid,
    ...(header.embedJwk ? { jwk } : {}),
    ...(header.jku ? { jku: header.jku as string } : {}),
  };
  return new SignJWT(claims).setProtectedHeader(protectedHeader).sign(privateKey);
}

/** HS256 keyed with the authority's public key: the classic algorithm-confusion forgery. */
async function algorithmConfusion(real: string): Promise<string> {
  const jwks = (await emu.send(`/${a.tenantId}/discovery/v2.0/keys`)).body as { keys: Record<string, unknown>[] };
  const publicJwk = JSON.stringify(jwks.keys[0]);
  return new SignJWT(decodeJwt(real))
    .setProtectedHeader({ alg: "HS256", kid: decodeProtectedHeader(real).kid })
    .sign(new TextEncoder().encode(publicJwk));
}

function unsigned(real: string): string {
  const claims = Buffer.from(real.split(".")[1]!, "base64url").toString("utf8");
  return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(claims).toString("base64url")}.`;
}

/** The whole persisted state (snapshot and journal): a refused request must not even reach the replay store. */
function stateDigest(): string {
  return createHash("sha256")
    .update(JSON.stringify(readDataDir(dataDir)))
    .digest("hex");
}

/** The domain a restart would load (snapshot plus journal). */
/**
 * The saved domain, less what another partner's refused attempts add to that partner's own activity
 * log (Partner Center logs a partner's failed operations for it); partner A's data must not move.
 */
async function domainDigest(): Promise<string> {
  const saved = await loadDataDir(dataDir);
  const kept = JSON.stringify(saved.domain, (key, value) =>
    key === "auditRecords" && Array.isArray(value)
      ? value.filter(
          (r: { partnerId?: string; operationStatus?: string }) =>
            r.operationStatus !== "failed" || r.partnerId === a.tenantId,
        )
      : value,
  );
  return createHash("sha256").update(kept).digest("hex");
}

interface Attempt {
  name: string;
  method: string;
  path: string;
  body?: unknown;
}

/** One of each write family, all aimed at partner A's customer. */
function writes(): Attempt[] {
  const c = `/v1/customers/${a.customer.tenantId}`;
  const line = { id: 0, catalogItemId, quantity: 3, termDuration: "P1Y", billingCycle: "monthly" };
  return [
    {
      name: "create customer",
      method: "POST",
      path: "/v1/customers",
      body: {
        companyProfile: { domain: "forged123.onmicrosoft.com" },
        billingProfile: { companyName: "Forged", defaultAddress: { country: "US" } },
      },
    },
    { name: "create cart", method: "POST", path: `${c}/carts`, body: { lineItems: [line] } },
    { name: "checkout", method: "POST", path: `${c}/carts/${cartId}/checkout` },
    {
      name: "resize subscription",
      method: "PATCH",
      path: `${c}/subscriptions/${a.customer.subscriptionId}`,
      body: { quantity: 99, autoRenewEnabled: true, status: "active" },
    },
    {
      name: "cancel subscription",
      method: "PATCH",
      path: `${c}/subscriptions/${a.customer.subscriptionId}`,
      body: { status: "deleted" },
    },
    {
      name: "create user",
      method: "POST",
      path: `${c}/users`,
      body: {
        userPrincipalName: `eve@${a.customer.domain}`,
        firstName: "Eve",
        lastName: "X",
        displayName: "Eve",
        usageLocation: "US",
        passwordProfile: { password: "Forged-Passw0rd!", forceChangePassword: true },
      },
    },
    { name: "delete user", method: "DELETE", path: `${c}/users/${a.customer.userId}` },
    {
      name: "reset password",
      method: "PATCH",
      path: `${c}/users/${a.customer.userId}/resetpassword`,
      body: { passwordProfile: { password: "Forged-Passw0rd!", forceChangePassword: false } },
    },
    {
      name: "licence update",
      method: "POST",
      path: `${c}/users/${a.customer.userId}/licenseupdates`,
      body: { licensesToAssign: [{ skuId: "x" }] },
    },
    { name: "billing profile", method: "PUT", path: `${c}/profiles/billing`, body: { email: "eve@evil.example" } },
    { name: "read customer", method: "GET", path: c },
    { name: "read subscriptions", method: "GET", path: `${c}/subscriptions` },
  ];
}

function graphWrites(): Attempt[] {
  const u = `/graph/v1.0/users/${a.customer.userId}`;
  return [
    { name: "graph disable user", method: "PATCH", path: u, body: { accountEnabled: false } },
    {
      name: "graph assign licence",
      method: "POST",
      path: `${u}/assignLicense`,
      body: { addLicenses: [], removeLicenses: [] },
    },
    { name: "graph read users", method: "GET", path: "/graph/v1.0/users" },
  ];
}

async function attempt(authorization: string | undefined, target: Attempt): Promise<number> {
  const headers: Record<string, string> = { "ms-requestid": crypto.randomUUID() };
  if (authorization !== undefined) headers.authorization = authorization;
  const result = await emu.send(target.path, {
    method: target.method,
    ...(target.body === undefined ? {} : { body: target.body }),
    headers,
  });
  return result.status;
}

beforeAll(async () => {
  a = knownPartner("a");
  b = knownPartner("b");
  dataDir = mkdtempSync(join(tmpdir(), "cspctl-security-"));
  emu = await startEmulator({
    seed: seedOf(a, b),
    dataDir,
    wallClock: () => Date.now() + wallOffsetMs,
    domainConfig: { provisioningDelaySeconds: 0 },
  });
  // The business clock stands still, so moving wall time below only changes token lifetimes.
  const clock = await emu.send(`${emu.controlUrl}/clock`, {
    method: "POST",
    body: { frozen: true },
    headers: { "x-emulator-key": emu.adminKey },
  });
  expect(clock.status).toBe(200);
  const userToken = await issue(a, "partner-center", "user");
  const availabilities = await emu.send("/v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=US", {
    token: userToken,
  });
  catalogItemId = (availabilities.body as { items: { catalogItemId: string }[] }).items[0]!.catalogItemId;
  const cart = await emu.send(`/v1/customers/${a.customer.tenantId}/carts`, {
    method: "POST",
    token: userToken,
    headers: { "ms-requestid": crypto.randomUUID() },
    body: { lineItems: [{ id: 0, catalogItemId, quantity: 3, termDuration: "P1Y", billingCycle: "monthly" }] },
  });
  expect(cart.status, JSON.stringify(cart.body)).toBe(201);
  cartId = (cart.body as { id: string }).id;

  const pcUser = userToken;
  const graphUser = await issue(a, "graph", "user", a.customer.tenantId);
  tokens.valid = { pc: pcUser, graph: graphUser };
  wallOffsetMs = -3 * 3600_000;
  tokens.expired = {
    pc: await issue(a, "partner-center", "user"),
    graph: await issue(a, "graph", "user", a.customer.tenantId),
  };
  wallOffsetMs = 3 * 3600_000;
  tokens.future = {
    pc: await issue(a, "partner-center", "user"),
    graph: await issue(a, "graph", "user", a.customer.tenantId),
  };
  wallOffsetMs = 0;
  tokens.other = {
    pc: await issue(b, "partner-center", "user"),
    graph: await issue(b, "graph", "user", b.customer.tenantId),
  };
});
afterAll(async () => emu?.close());

describe("token checks: every bad token is refused and nothing changes", () => {
  const classes: [string, () => Promise<{ pc: string | undefined; graph: string | undefined }>][] = [
    ["no token", async () => ({ pc: undefined, graph: undefined })],
    ["an empty bearer", async () => ({ pc: "Bearer ", graph: "Bearer " })],
    [
      "a non-bearer scheme",
      async () => ({
        pc: `Basic ${Buffer.from(`${a.clientId}:${a.clientSecret}`).toString("base64")}`,
        graph: "Basic Zm9vOmJhcg==",
      }),
    ],
    ["not a JWT", async () => ({ pc: "Bearer abc.def", graph: "Bearer %%%" })],
    [
      "alg none",
      async () => ({ pc: `Bearer ${unsigned(tokens.valid!.pc)}`, graph: `Bearer ${unsigned(tokens.valid!.graph)}` }),
    ],
    [
      "a signature by another key",
      async () => ({
        pc: `Bearer ${await signedElsewhere(tokens.valid!.pc)}`,
        graph: `Bearer ${await signedElsewhere(tokens.valid!.graph)}`,
      }),
    ],
    [
      "an embedded jwk header",
      async () => ({
        pc: `Bearer ${await signedElsewhere(tokens.valid!.pc, { embedJwk: true })}`,
        graph: `Bearer ${await signedElsewhere(tokens.valid!.graph, { embedJwk: true })}`,
      }),
    ],
    [
      "a jku header",
      async () => ({
        pc: `Bearer ${await signedElsewhere(tokens.valid!.pc, { jku: "https://evil.example/keys" })}`,
        graph: `Bearer ${await signedElsewhere(tokens.valid!.graph, { jku: "https://evil.example/keys" })}`,
      }),
    ],
    [
      "HS256 keyed with the public key",
      async () => ({
        pc: `Bearer ${await algorithmConfusion(tokens.valid!.pc)}`,
        graph: `Bearer ${await algorithmConfusion(tokens.valid!.graph)}`,
      }),
    ],
    [
      "a tampered payload (lifetime extended)",
      async () => ({
        pc: `Bearer ${replacePayload(tokens.expired!.pc, (c) => void (c.exp = Math.floor(Date.now() / 1000) + 3600))}`,
        graph: `Bearer ${replacePayload(tokens.expired!.graph, (c) => void (c.exp = Math.floor(Date.now() / 1000) + 3600))}`,
      }),
    ],
    [
      "a tampered payload (tenant swapped)",
      async () => ({
        pc: `Bearer ${replacePayload(tokens.other!.pc, (c) => void (c.tid = a.tenantId))}`,
        graph: `Bearer ${replacePayload(tokens.other!.graph, (c) => void (c.tid = a.customer.tenantId))}`,
      }),
    ],
    [
      "an expired token",
      async () => ({ pc: `Bearer ${tokens.expired!.pc}`, graph: `Bearer ${tokens.expired!.graph}` }),
    ],
    [
      "a token not yet valid",
      async () => ({ pc: `Bearer ${tokens.future!.pc}`, graph: `Bearer ${tokens.future!.graph}` }),
    ],
    ["the wrong audience", async () => ({ pc: `Bearer ${tokens.valid!.graph}`, graph: `Bearer ${tokens.valid!.pc}` })],
  ];

  it.each(classes)("%s: 401 on every write and read, state unchanged", async (_name, make) => {
    const forged = await make();
    const before = stateDigest();
    const statsBefore = await emu.control.stats();
    for (const target of writes()) expect(await attempt(forged.pc, target), target.name).toBe(401);
    for (const target of graphWrites()) expect(await attempt(forged.graph, target), target.name).toBe(401);
    expect(stateDigest()).toBe(before);
    const statsAfter = await emu.control.stats();
    expect(statsAfter.replayed).toBe(statsBefore.replayed);
  });

  // Its 404s are business answers, remembered for MS-RequestId replay; the domain must not move.
  it("another partner's valid token: 404 on every call about the customer, domain unchanged", async () => {
    const before = await domainDigest();
    for (const target of writes().filter((w) => w.path !== "/v1/customers"))
      expect(await attempt(`Bearer ${tokens.other!.pc}`, target), target.name).toBe(404);
    for (const target of graphWrites().filter((w) => w.method !== "GET"))
      expect(await attempt(`Bearer ${tokens.other!.graph}`, target), target.name).toBe(404);
    const listed = await emu.send("/graph/v1.0/users", { token: tokens.other!.graph });
    expect(JSON.stringify(listed.body)).not.toContain(a.customer.userPrincipalName);
    expect(await domainDigest()).toBe(before);
  });

  it("another partner cannot get a token for this partner's customer tenant", async () => {
    const refused = await emu.send(`/${a.customer.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: tokenForm(b, "graph", "user"),
      headers: FORM,
    });
    expect([400, 401]).toContain(refused.status);
    expect(JSON.stringify(refused.body)).not.toContain("access_token");
  });

  it("the control API refuses a missing or wrong admin key and resets nothing", async () => {
    const before = stateDigest();
    for (const key of [undefined, "", emu.adminKey.slice(0, -1), `${emu.adminKey}x`, a.clientSecret]) {
      const headers: Record<string, string> = key === undefined ? {} : { "x-emulator-key": key };
      const reset = await emu.send(`${emu.controlUrl}/reset`, { method: "POST", headers });
      expect(reset.status).toBe(401);
      const seed = await emu.send(`${emu.controlUrl}/seed`, {
        method: "POST",
        body: seedOf(knownPartner("x")),
        headers,
      });
      expect(seed.status).toBe(401);
    }
    expect(stateDigest()).toBe(before);
  });

  it("the valid tokens still work afterwards, and the partner's data is intact", async () => {
    const subscription = await emu.send(
      `/v1/customers/${a.customer.tenantId}/subscriptions/${a.customer.subscriptionId}`,
      { token: tokens.valid!.pc },
    );
    expect(subscription.status).toBe(200);
    expect(subscription.body).toMatchObject({ quantity: 10, status: "active" });
    const orders = await emu.send(`/v1/customers/${a.customer.tenantId}/orders`, { token: tokens.valid!.pc });
    // the seeded subscription's own order, and no other
    expect(
      (orders.body as { items: { lineItems: { subscriptionId: string }[] }[] }).items.flatMap((o) =>
        o.lineItems.map((l) => l.subscriptionId),
      ),
    ).toEqual([a.customer.subscriptionId]);
    const user = await emu.send(`/graph/v1.0/users/${a.customer.userId}?$select=accountEnabled`, {
      token: tokens.valid!.graph,
    });
    expect(user.body).toMatchObject({ accountEnabled: true });
    const customers = await emu.send("/v1/customers", { token: tokens.valid!.pc });
    expect((customers.body as { totalCount: number }).totalCount).toBe(1);
  });
});
