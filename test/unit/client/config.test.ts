import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { generate } from "selfsigned";
import { describe, expect, it } from "vitest";
import { CspctlError } from "../../../core/errors.js";
import { resolveConfig } from "../../../client/config.js";

const tenant = "11111111-2222-3333-4444-555555555555";
const client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const base = { CSPCTL_TENANT_ID: tenant, CSPCTL_CLIENT_ID: client, CSPCTL_CLIENT_SECRET: "s3cret-value" };

function failure(env: Record<string, string>): CspctlError {
  try {
    resolveConfig({}, env);
  } catch (error) {
    return error as CspctlError;
  }
  throw new Error("expected resolveConfig to throw");
}

describe("resolveConfig", () => {
  it("defaults to Microsoft's production endpoints", () => {
    const config = resolveConfig({}, base);
    expect(config.partnerCenterUrl).toBe("https://api.partnercenter.microsoft.com");
    expect(config.graphUrl).toBe("https://graph.microsoft.com/v1.0");
    expect(config.authority).toBe("https://login.microsoftonline.com");
    expect(config.credential).toEqual({ kind: "secret", secret: "s3cret-value" });
    expect(config.refreshToken).toBeUndefined();
  });

  it("takes options over the environment and trims trailing slashes", () => {
    const config = resolveConfig(
      { partnerCenterUrl: "https://127.0.0.1:8443/", tenantId: "22222222-2222-3333-4444-555555555555" },
      base,
    );
    expect(config.partnerCenterUrl).toBe("https://127.0.0.1:8443");
    expect(config.tenantId).toBe("22222222-2222-3333-4444-555555555555");
  });

  it.each([
    ["CSPCTL_TENANT_ID", { ...base, CSPCTL_TENANT_ID: "" }, "client.config_missing"],
    ["CSPCTL_CLIENT_ID", { CSPCTL_TENANT_ID: tenant, CSPCTL_CLIENT_SECRET: "x" }, "client.config_missing"],
    ["CSPCTL_CLIENT_ID", { ...base, CSPCTL_CLIENT_ID: "not-a-guid" }, "client.config_invalid"],
    ["CSPCTL_CLIENT_SECRET", { CSPCTL_TENANT_ID: tenant, CSPCTL_CLIENT_ID: client }, "client.config_missing"],
    ["CSPCTL_CLIENT_CERTIFICATE", { ...base, CSPCTL_CLIENT_CERTIFICATE: "app.pem" }, "client.config_conflict"],
    [
      "CSPCTL_PARTNER_CENTER_URL",
      { ...base, CSPCTL_PARTNER_CENTER_URL: "http://127.0.0.1:80" },
      "client.config_invalid",
    ],
    ["CSPCTL_GRAPH_URL", { ...base, CSPCTL_GRAPH_URL: "not a url" }, "client.config_invalid"],
    ["CSPCTL_CA_FILE", { ...base, CSPCTL_CA_FILE: "/nonexistent/ca.pem" }, "client.config_invalid"],
  ])("names %s when it is missing or contradictory", (variable, env, code) => {
    const error = failure(env);
    expect(error).toBeInstanceOf(CspctlError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(variable);
  });

  it("derives the SHA-256 thumbprint from a PEM holding certificate and key, and never shows the key", async () => {
    const pems = await generate([{ name: "commonName", value: "cspctl-test" }], { keySize: 2048, algorithm: "sha256" });
    const directory = mkdtempSync(join(tmpdir(), "cspctl-config-"));
    const path = join(directory, "app.pem");
    writeFileSync(path, `${pems.cert}\n${pems.private}`);
    const config = resolveConfig(
      {},
      { CSPCTL_TENANT_ID: tenant, CSPCTL_CLIENT_ID: client, CSPCTL_CLIENT_CERTIFICATE: path },
    );
    if (config.credential.kind !== "certificate") throw new Error("expected a certificate credential");
    const expected = new X509Certificate(pems.cert).fingerprint256.replaceAll(":", "").toLowerCase();
    expect(config.credential.thumbprintSha256).toBe(expected);
    expect(config.credential.privateKeyPem).toContain("BEGIN PRIVATE KEY");

    writeFileSync(path, pems.cert);
    const error = failure({ CSPCTL_TENANT_ID: tenant, CSPCTL_CLIENT_ID: client, CSPCTL_CLIENT_CERTIFICATE: path });
    expect(error.code).toBe("client.config_invalid");
    expect(error.message).toContain("CSPCTL_CLIENT_CERTIFICATE");
  });
});
