// createDispatcher builds one TLS SecureContext per dispatcher (finding bench-client-addcacert):
// trust must be exactly what `ca` gave before: the configured CA accepted, any other refused.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnerCenterError } from "../../../client/errors.js";
import { createDispatcher, sendRequest } from "../../../client/request.js";
import type { ClientRequest } from "../../../client/send.js";
import { createTlsMaterial, type TlsMaterial } from "../../../emulator/tls.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const timeouts = { connectMs: 5_000, headersMs: 5_000, bodyMs: 5_000 };

async function startHttps(material: TlsMaterial): Promise<{ server: Server; origin: string }> {
  const server = createServer({ key: material.keyPem, cert: material.certPem }, (_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const get = (url: string): ClientRequest => ({
  service: "partner-center",
  method: "GET",
  url,
  headers: {},
  auth: { kind: "none" },
  operation: "test",
});

let trusted: TlsMaterial;
let trustedServer: { server: Server; origin: string };
let untrustedServer: { server: Server; origin: string };
let emulator: TestEmulator;

beforeAll(async () => {
  [trusted, emulator] = await Promise.all([createTlsMaterial(), startEmulator()]);
  trustedServer = await startHttps(trusted);
  untrustedServer = await startHttps(await createTlsMaterial());
}, 60_000);

afterAll(async () => {
  for (const { server } of [trustedServer, untrustedServer]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await emulator.close();
});

describe("createDispatcher TLS trust", () => {
  it("accepts a server whose certificate the configured CA signed, on every connection", async () => {
    const dispatcher = createDispatcher({ ca: trusted.caCertPem, timeouts, connections: 4 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => sendRequest(dispatcher, get(`${trustedServer.origin}/x`))),
      );
      expect(responses.map((r) => r.body)).toEqual(Array.from({ length: 8 }, () => ({ ok: true })));
    } finally {
      await dispatcher.close();
    }
  });

  it("refuses a server signed by another CA, as a non-retryable certificate error", async () => {
    const dispatcher = createDispatcher({ ca: trusted.caCertPem, timeouts });
    try {
      const error = await sendRequest(dispatcher, get(`${untrustedServer.origin}/x`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartnerCenterError);
      const failure = error as PartnerCenterError;
      expect(failure.code).toBe("client.network_error");
      expect(failure.retryable).toBe(false);
      expect(failure.hint).toContain("CSPCTL_CA_FILE");
    } finally {
      await dispatcher.close();
    }
  });

  it("refuses a self-made CA when no CA is configured (system roots only)", async () => {
    const dispatcher = createDispatcher({ ca: undefined, timeouts });
    try {
      const error = await sendRequest(dispatcher, get(`${trustedServer.origin}/x`)).catch((e: unknown) => e);
      expect((error as PartnerCenterError).code).toBe("client.network_error");
      expect((error as PartnerCenterError).retryable).toBe(false);
    } finally {
      await dispatcher.close();
    }
  });

  it("accepts the emulator's CA", async () => {
    const dispatcher = createDispatcher({ ca: emulator.emulator.caPem, timeouts });
    try {
      const response = await sendRequest(dispatcher, {
        ...get(`${emulator.baseUrl}/v1/customers`),
        acceptStatuses: [401],
      });
      expect(response.status).toBe(401);
    } finally {
      await dispatcher.close();
    }
  });
});
