// A real @azure/msal-node ConfidentialClientApplication gets tokens from the emulator's authority:
// client secret, client certificate (x5t and x5t#S256) and the refresh-token grant.
import { createHash, X509Certificate } from "node:crypto";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";
import { emulatorNetworkModule } from "../../helpers/msal-network.js";
import { FORM, GRAPH_SCOPE, PC_SCOPE, testPartner, type TestPartner } from "./seeds.js";

let emu: TestEmulator;
let partner: TestPartner;
let certPem: string;
let keyPem: string;
let network: ReturnType<typeof emulatorNetworkModule>;

beforeAll(async () => {
  emu = await startEmulator({ seed: null });
  const generated = await generate([{ name: "commonName", value: "cspctl-test-app" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  certPem = generated.cert;
  keyPem = generated.private;
  const seeded = testPartner("msal", [certPem]);
  partner = seeded.partner;
  await emu.control.seed(seeded.seed);
  network = emulatorNetworkModule(await import("node:fs/promises").then((fs) => fs.readFile(emu.caFile, "utf8")));
});
afterAll(async () => {
  await network.close();
  await emu.close();
});

function msal(auth: Partial<Configuration["auth"]>, tenant = partner.tenantId): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: partner.clientId,
      authority: `${emu.baseUrl}/${tenant}`,
      knownAuthorities: [new URL(emu.baseUrl).host],
      ...auth,
    },
    system: { networkClient: network },
  });
}

const thumbprint = (algorithm: "sha1" | "sha256"): string =>
  createHash(algorithm).update(new X509Certificate(certPem).raw).digest("hex");

describe("MSAL against the emulator's authority", () => {
  it("gets an app token with a client secret and calls Partner Center with it", async () => {
    const result = await msal({ clientSecret: partner.clientSecret }).acquireTokenByClientCredential({
      scopes: [PC_SCOPE],
    });
    expect(result).not.toBeNull();
    expect(decodeJwt(result!.accessToken)).toMatchObject({
      aud: "https://api.partnercenter.microsoft.com",
      tid: partner.tenantId,
      appid: partner.clientId,
      idtyp: "app",
    });
    const customers = await emu.send("/v1/customers", { token: result!.accessToken });
    expect(customers.status).toBe(200);
  });

  it("gets an app token with a certificate (SHA-256 thumbprint, PS256)", async () => {
    const app = msal({ clientCertificate: { thumbprintSha256: thumbprint("sha256"), privateKey: keyPem } });
    const result = await app.acquireTokenByClientCredential({ scopes: [PC_SCOPE] });
    expect(decodeJwt(result!.accessToken)).toMatchObject({ idtyp: "app", appid: partner.clientId });
  });

  it("gets an app token with a certificate (SHA-1 thumbprint, RS256)", async () => {
    const app = msal({ clientCertificate: { thumbprint: thumbprint("sha1"), privateKey: keyPem } });
    const result = await app.acquireTokenByClientCredential({ scopes: [PC_SCOPE] });
    expect(decodeJwt(result!.accessToken)).toMatchObject({ idtyp: "app" });
  });

  it("refuses a wrong secret with AADSTS7000215", async () => {
    await expect(
      msal({ clientSecret: "wrong" }).acquireTokenByClientCredential({ scopes: [PC_SCOPE] }),
    ).rejects.toMatchObject({ errorCode: "invalid_client" });
  });

  it("exchanges a refresh token for an app+user token (Secure Application Model)", async () => {
    const result = await msal({ clientSecret: partner.clientSecret }).acquireTokenByRefreshToken({
      refreshToken: partner.refreshToken,
      scopes: [PC_SCOPE],
    });
    expect(decodeJwt(result!.accessToken)).toMatchObject({
      idtyp: "user",
      oid: partner.userObjectId,
      scp: "user_impersonation",
      tid: partner.tenantId,
    });
  });

  it("gets a Graph token from a customer tenant's authority with the refresh token", async () => {
    const app = msal({ clientSecret: partner.clientSecret }, partner.customerTenantId);
    const result = await app.acquireTokenByRefreshToken({ refreshToken: partner.refreshToken, scopes: [GRAPH_SCOPE] });
    expect(decodeJwt(result!.accessToken)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: partner.customerTenantId,
      idtyp: "user",
    });
  });
});

describe("tenant given as a domain name (Entra accepts the id or a domain)", () => {
  /** The domain of the seeded partner user's sign-in name (admin@msal.example). */
  const PARTNER_DOMAIN = "msal.example";

  it("MSAL gets an app token from the partner's domain authority; the token names the tenant id", async () => {
    const result = await msal({ clientSecret: partner.clientSecret }, PARTNER_DOMAIN).acquireTokenByClientCredential({
      scopes: [PC_SCOPE],
    });
    expect(decodeJwt(result!.accessToken)).toMatchObject({ tid: partner.tenantId, idtyp: "app" });
    const config = await emu.send(`/${PARTNER_DOMAIN}/v2.0/.well-known/openid-configuration`);
    expect(config.body).toMatchObject({
      issuer: `${emu.baseUrl}/${partner.tenantId}/v2.0`,
      token_endpoint: `${emu.baseUrl}/${partner.tenantId}/oauth2/v2.0/token`,
    });
  });

  it("answers POST /{domain}/oauth2/v2.0/token directly, for the partner's and a customer's domain", async () => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: partner.clientId,
      client_secret: partner.clientSecret,
      scope: PC_SCOPE,
    });
    const partnerToken = await emu.send(`/${PARTNER_DOMAIN.toUpperCase()}/oauth2/v2.0/token`, {
      method: "POST",
      rawBody: form.toString(),
      headers: FORM,
    });
    expect(partnerToken.status).toBe(200);
    expect(decodeJwt((partnerToken.body as { access_token: string }).access_token)).toMatchObject({
      tid: partner.tenantId,
    });
    const graph = await msal({ clientSecret: partner.clientSecret }, partner.customerDomain).acquireTokenByRefreshToken(
      { refreshToken: partner.refreshToken, scopes: [GRAPH_SCOPE] },
    );
    expect(decodeJwt(graph!.accessToken)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: partner.customerTenantId,
    });
  });

  it("answers a tenant nobody has, by domain or by id, with AADSTS90002 (400)", async () => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: partner.clientId,
      client_secret: partner.clientSecret,
      scope: PC_SCOPE,
    }).toString();
    for (const tenant of ["nobody.onmicrosoft.com", "00000000-0000-4000-8000-0000000000ff"]) {
      const refused = await emu.send(`/${tenant}/oauth2/v2.0/token`, { method: "POST", rawBody: form, headers: FORM });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        error: "invalid_request",
        error_codes: [90002],
        error_description: expect.stringContaining(`Tenant '${tenant}' not found`),
      });
    }
    await expect(
      msal({ clientSecret: partner.clientSecret }, "nobody.onmicrosoft.com").acquireTokenByClientCredential({
        scopes: [PC_SCOPE],
      }),
    ).rejects.toThrow();
  });
});

describe("refresh token rotation", () => {
  it("returns a new refresh token on each exchange; the new one works", async () => {
    const exchange = async (refreshToken: string) => {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: partner.clientId,
        client_secret: partner.clientSecret,
        refresh_token: refreshToken,
        scope: `${PC_SCOPE} offline_access openid`,
      });
      return emu.send(`/${partner.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        rawBody: form.toString(),
        headers: FORM,
      });
    };
    const first = await exchange(partner.refreshToken);
    const firstBody = first.body as { refresh_token: string; id_token: string; token_type: string };
    expect(first.status).toBe(200);
    expect(firstBody.token_type).toBe("Bearer");
    expect(firstBody.refresh_token).not.toBe(partner.refreshToken);
    expect(decodeJwt(firstBody.id_token)).toMatchObject({ aud: partner.clientId, oid: partner.userObjectId });
    const second = await exchange(firstBody.refresh_token);
    expect(second.status).toBe(200);
    expect((second.body as { refresh_token: string }).refresh_token).not.toBe(firstBody.refresh_token);
    const bogus = await exchange("0.Anot-a-token");
    expect(bogus.status).toBe(400);
    expect(bogus.body).toMatchObject({ error: "invalid_grant", error_codes: [70000] });
  });
});

describe("discovery documents", () => {
  it("publishes OpenID configuration, instance discovery and the JWKS", async () => {
    const config = await emu.send(`/${partner.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(config.body).toMatchObject({
      issuer: `${emu.baseUrl}/${partner.tenantId}/v2.0`,
      token_endpoint: `${emu.baseUrl}/${partner.tenantId}/oauth2/v2.0/token`,
    });
    const instance = await emu.send(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${emu.baseUrl}/${partner.tenantId}/oauth2/v2.0/authorize`)}`,
    );
    expect(instance.body).toMatchObject({
      tenant_discovery_endpoint: `${emu.baseUrl}/${partner.tenantId}/v2.0/.well-known/openid-configuration`,
    });
    const keys = await emu.send(`/${partner.tenantId}/discovery/v2.0/keys`);
    expect((keys.body as { keys: { kty: string; kid: string }[] }).keys[0]).toMatchObject({ kty: "RSA", use: "sig" });
  });
});
