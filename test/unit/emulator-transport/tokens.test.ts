import { createHash, X509Certificate } from "node:crypto";
import { SignJWT, importPKCS8 } from "jose";
import { generate } from "selfsigned";
import { beforeAll, describe, expect, it } from "vitest";
import { issueAccessToken, verifyAccessToken } from "../../../emulator/token/access-token.js";
import { verifyClientAssertion } from "../../../emulator/token/client-assertion.js";
import {
  createSigningKey,
  exportSigningKey,
  importSigningKey,
  type SigningKey,
} from "../../../emulator/token/signing-key.js";
import { resolveScope } from "../../../emulator/token/token-scope.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");
let key: SigningKey;
let otherKey: SigningKey;

beforeAll(async () => {
  [key, otherKey] = await Promise.all([createSigningKey(), createSigningKey()]);
});

const issue = (overrides: Partial<Parameters<typeof issueAccessToken>[0]> = {}) =>
  issueAccessToken({
    key,
    authority: "https://127.0.0.1:1",
    tenantId: "t1",
    audience: "partner-center",
    clientId: "app1",
    nowMs: NOW,
    ...overrides,
  });

describe("access tokens", () => {
  it("carry Entra's claims for app and app+user tokens", async () => {
    const app = await verifyAccessToken((await issue()).token, key, NOW);
    expect(app).toMatchObject({
      ok: true,
      claims: {
        tid: "t1",
        aud: "https://api.partnercenter.microsoft.com",
        appid: "app1",
        idtyp: "app",
        iss: "https://127.0.0.1:1/t1/v2.0",
      },
    });
    const user = await verifyAccessToken((await issue({ userObjectId: "u1", audience: "graph" })).token, key, NOW);
    expect(user).toMatchObject({ ok: true, claims: { idtyp: "user", oid: "u1", aud: "https://graph.microsoft.com" } });
    expect(user.ok && typeof user.claims.scp).toBe("string");
  });

  it.each([
    ["expired", NOW + 3601_000, "expired"],
    ["not yet valid", NOW - 60_000, "not_yet_valid"],
  ])("rejects a token that is %s", async (_name, at, reason) => {
    expect(await verifyAccessToken((await issue()).token, key, at)).toEqual({ ok: false, reason });
  });

  it("rejects a token signed by another key and garbage", async () => {
    const foreign = (
      await issueAccessToken({
        key: otherKey,
        authority: "x",
        tenantId: "t1",
        audience: "graph",
        clientId: "a",
        nowMs: NOW,
      })
    ).token;
    expect(await verifyAccessToken(foreign, key, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifyAccessToken("not.a.jwt", key, NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it("keeps its signing key across an export/import round trip", async () => {
    const restored = await importSigningKey(await exportSigningKey(key));
    expect(restored.kid).toBe(key.kid);
    expect((await verifyAccessToken((await issue()).token, restored, NOW)).ok).toBe(true);
  });
});

describe("client assertions", () => {
  let certPem: string;
  let privatePem: string;
  const endpoint = "https://127.0.0.1:1/t1/oauth2/v2.0/token";
  beforeAll(async () => {
    const generated = await generate([{ name: "commonName", value: "app1" }], { keySize: 2048, algorithm: "sha256" });
    certPem = generated.cert;
    privatePem = generated.private;
  });
  const assertion = async (header: Record<string, string>, lifetimeSeconds = 600, alg = "RS256") =>
    new SignJWT({ jti: "j" })
      .setProtectedHeader({ alg, typ: "JWT", ...header })
      .setIssuer("app1")
      .setSubject("app1")
      .setAudience(endpoint)
      .setIssuedAt(Math.floor(NOW / 1000))
      .setExpirationTime(Math.floor(NOW / 1000) + lifetimeSeconds)
      .sign(await importPKCS8(privatePem, alg));
  const thumb = (algorithm: "sha1" | "sha256") =>
    createHash(algorithm).update(new X509Certificate(certPem).raw).digest("base64url");
  const verify = (jwt: string, certificates = [certPem]) =>
    verifyClientAssertion({ assertion: jwt, clientId: "app1", certificates, audiences: [endpoint], nowMs: NOW });

  it("accepts x5t (RS256) and x5t#S256 (PS256) assertions from a registered certificate", async () => {
    expect(await verify(await assertion({ x5t: thumb("sha1") }))).toBeUndefined();
    expect(await verify(await assertion({ "x5t#S256": thumb("sha256") }, 600, "PS256"))).toBeUndefined();
  });

  it("refuses an unregistered certificate, a wrong audience and an expired assertion", async () => {
    expect(await verify(await assertion({ x5t: thumb("sha1") }), [])).toMatchObject({ aadsts: 700027 });
    const wrongAudience = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", x5t: thumb("sha1") })
      .setIssuer("app1")
      .setSubject("app1")
      .setAudience("https://elsewhere/token")
      .setExpirationTime(Math.floor(NOW / 1000) + 600)
      .sign(await importPKCS8(privatePem, "RS256"));
    expect(await verify(wrongAudience)).toMatchObject({ aadsts: 50012 });
    const expired = await assertion({ x5t: thumb("sha1") }, -400);
    expect(await verify(expired)).toMatchObject({ aadsts: 700024 });
  });
});

describe("resolveScope", () => {
  it.each([
    [
      "https://api.partnercenter.microsoft.com/.default",
      null,
      { ok: true, audience: "partner-center", isDefault: true },
    ],
    [
      "https://graph.microsoft.com/.default openid profile offline_access",
      null,
      { ok: true, audience: "graph", wantsIdToken: true },
    ],
    [
      "https://api.partnercenter.microsoft.com/user_impersonation",
      null,
      { ok: true, audience: "partner-center", isDefault: false },
    ],
    [null, "https://api.partnercenter.microsoft.com", { ok: true, audience: "partner-center" }],
    ["https://management.azure.com/.default", null, { ok: false, aadsts: 500011 }],
    [
      "https://graph.microsoft.com/.default https://api.partnercenter.microsoft.com/.default",
      null,
      { ok: false, aadsts: 28000 },
    ],
    ["openid", null, { ok: false, aadsts: 70011 }],
    [null, null, { ok: false, aadsts: 900144 }],
  ])("%j / resource %j", (scope, resource, expected) => {
    expect(resolveScope(scope, resource)).toMatchObject(expected);
  });
});
