// The token check skips the RSA verification of tokens the emulator's own authority just issued
// (Authenticator.remember). That is only sound if the payload handed over at issue is exactly what
// verifying the token gives, for every token kind; and a remembered token still expires.
import { beforeAll, describe, expect, it } from "vitest";
import { Authenticator } from "../../../emulator/pipeline/authenticate.js";
import type { Route } from "../../../emulator/pipeline/types.js";
import {
  issueAccessToken,
  verifyAccessToken,
  type IssueAccessTokenOptions,
} from "../../../emulator/token/access-token.js";
import { createSigningKey, type SigningKey } from "../../../emulator/token/signing-key.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");
let key: SigningKey;

beforeAll(async () => {
  key = await createSigningKey();
});

const kinds: Array<[string, Partial<IssueAccessTokenOptions>]> = [
  ["app-only Partner Center", { audience: "partner-center" }],
  ["app-only Graph", { audience: "graph" }],
  ["app+user Partner Center", { audience: "partner-center", userObjectId: "u1" }],
  ["app+user Graph of a customer tenant", { audience: "graph", userObjectId: "u1", tenantId: "customer-tenant" }],
  ["a short lifetime", { audience: "graph", lifetimeSeconds: 5 }],
];

describe("issued access tokens", () => {
  it.each(kinds)("hand over the payload verification gives (%s)", async (_name, overrides) => {
    const issued = await issueAccessToken({
      key,
      authority: "https://127.0.0.1:1",
      tenantId: "t1",
      audience: "graph",
      clientId: "app1",
      nowMs: NOW,
      ...overrides,
    });
    const verified = await verifyAccessToken(issued.token, key, NOW + 1_000);
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(issued.claims).toStrictEqual({ ...verified.claims });
  });

  it("a remembered token is still refused once expired", async () => {
    let now = NOW;
    const domain = {
      findApplication: () => ({ clientId: "app1", partnerTenantId: "t1", clientSecrets: [], certificates: [] }),
      isCustomerOf: () => false,
    };
    const authenticator = new Authenticator({ key, domain, wallClock: () => now });
    const issued = await issueAccessToken({
      key,
      authority: "https://127.0.0.1:1",
      tenantId: "t1",
      audience: "partner-center",
      clientId: "app1",
      nowMs: NOW,
      lifetimeSeconds: 60,
    });
    authenticator.remember(issued.token, issued.claims);
    const route = {
      face: "partner-center",
      auth: "app",
      template: "/customers",
      method: "GET",
      write: false,
    } as unknown as Route;
    await expect(authenticator.authenticate(route, {}, `Bearer ${issued.token}`, "r1")).resolves.toMatchObject({
      partnerTenantId: "t1",
      kind: "app",
    });
    now = NOW + 61_000;
    await expect(authenticator.authenticate(route, {}, `Bearer ${issued.token}`, "r2")).rejects.toMatchObject({
      status: 401,
    });
  });
});
