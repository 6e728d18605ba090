// Real MSAL against the emulator's token endpoint: client secret, certificate, refresh token.
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CspctlError } from "../../../core/errors.js";
import { createClient, PartnerCenterError } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, drain, fastThrottle, partnerTenantId, startForClient } from "./setup.js";
import { virtualTime } from "./virtual-time.js";

let emulator: TestEmulator;
const customerId = randomUUID();

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [{ tenantId: customerId, domain: "authcustomer.onmicrosoft.com", companyName: "Auth Customer" }],
      },
    ],
  });
});
afterAll(async () => {
  await emulator?.close();
});

describe("auth with real MSAL", () => {
  it("app-only with a client secret; one token serves many calls", async () => {
    const client = clientFor(emulator);
    try {
      await emulator.control.resetStats();
      for (let i = 0; i < 5; i++)
        expect((await client.partnerCenter.customers.get(customerId)).domain).toBe("authcustomer.onmicrosoft.com");
      const stats = await emulator.control.stats();
      expect(stats.tokens).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("app-only with a certificate (PEM with key, thumbprint derived)", async () => {
    const pems = await generate([{ name: "commonName", value: "cspctl-cert-app" }], {
      keySize: 2048,
      algorithm: "sha256",
    });
    const tenantId = randomUUID();
    const clientId = randomUUID();
    await emulator.control.seed({
      partners: [
        {
          tenantId,
          name: "Certificate Partner",
          mpnId: "7654321",
          applications: [{ clientId, clientSecrets: [], certificates: [pems.cert] }],
          users: [],
          customers: [{ tenantId: randomUUID(), domain: "certcustomer.onmicrosoft.com", companyName: "Cert Customer" }],
        },
      ],
    });
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-cert-")), "app.pem");
    writeFileSync(path, `${pems.cert}\n${pems.private}`);
    const { CSPCTL_CLIENT_SECRET: _secret, CSPCTL_REFRESH_TOKEN: _refresh, ...env } = emulator.env;
    const client = createClient({
      env: { ...env, CSPCTL_TENANT_ID: tenantId, CSPCTL_CLIENT_ID: clientId, CSPCTL_CLIENT_CERTIFICATE: path },
      throttle: fastThrottle,
    });
    try {
      const customers = await drain(client.partnerCenter.customers.list());
      expect(customers.map((customer) => customer.domain)).toEqual(["certcustomer.onmicrosoft.com"]);
    } finally {
      await client.close();
    }
  });

  it("app+user through the refresh token (Secure Application Model)", async () => {
    const client = clientFor(emulator, { partnerCenterAuth: "user" });
    try {
      expect((await client.partnerCenter.customers.get(customerId)).id).toBe(customerId);
    } finally {
      await client.close();
    }
  });

  it("a call that needs app+user without CSPCTL_REFRESH_TOKEN names the variable and sends nothing", async () => {
    const { CSPCTL_REFRESH_TOKEN: _refresh, ...env } = emulator.env;
    const client = createClient({ env, throttle: fastThrottle });
    try {
      await emulator.control.resetStats();
      const error = await client.partnerCenter.users.get(customerId, randomUUID()).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CspctlError);
      expect(error).toMatchObject({ code: "client.credential_missing" });
      expect((error as Error).message).toContain("CSPCTL_REFRESH_TOKEN");
      expect((await emulator.control.stats()).reads).toBe(0);
    } finally {
      await client.close();
    }
  });

  it("a wrong secret fails with client.auth_failed and never shows the secret", async () => {
    const wrong = "definitely-the-wrong-secret-value";
    const client = createClient({ env: { ...emulator.env, CSPCTL_CLIENT_SECRET: wrong }, throttle: fastThrottle });
    try {
      const error = await client.partnerCenter.customers.get(customerId).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PartnerCenterError);
      expect(error).toMatchObject({ code: "client.auth_failed", retryable: false });
      const printed = JSON.stringify({
        ...(error as PartnerCenterError).toJSON(),
        cause: String((error as Error).cause),
      });
      expect(printed).not.toContain(wrong);
      expect(printed).not.toContain(emulator.env.CSPCTL_CLIENT_SECRET!);
    } finally {
      await client.close();
    }
  });

  it("a Graph token for a tenant that is not the partner's customer is refused", async () => {
    const client = clientFor(emulator);
    try {
      const error = await drain(client.graph.users.list(randomUUID())).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PartnerCenterError);
      expect((error as PartnerCenterError).code).toBe("client.auth_failed");
    } finally {
      await client.close();
    }
  });

  it("renews a token five minutes before it expires, not after", async () => {
    const time = virtualTime();
    const shortLived = await startForClient({ wallClock: time.wallClock, tokenLifetimeSeconds: 600 });
    const client = clientFor(shortLived, { timer: time.timer });
    try {
      const customers = async (): Promise<number> => (await drain(client.partnerCenter.customers.list())).length;
      await customers();
      await time.timer.sleep(240_000);
      await customers();
      expect((await shortLived.control.stats()).tokens).toBe(1);
      await time.timer.sleep(120_000);
      await customers();
      expect((await shortLived.control.stats()).tokens).toBe(2);
    } finally {
      await client.close();
      await shortLived.close();
    }
  });
});
