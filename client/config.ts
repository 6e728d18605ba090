import { X509Certificate, createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { CspctlError } from "../core/errors.js";

export const productionDefaults = {
  partnerCenterUrl: "https://api.partnercenter.microsoft.com",
  graphUrl: "https://graph.microsoft.com/v1.0",
  authority: "https://login.microsoftonline.com",
} as const;

/** Everything createClient accepts; each field falls back to its CSPCTL_* variable. */
export interface ClientOptions {
  partnerCenterUrl?: string;
  graphUrl?: string;
  authority?: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Path to a PEM file holding the certificate and its private key. */
  clientCertificatePath?: string;
  refreshToken?: string;
  caFile?: string;
  locale?: string;
  timeouts?: Partial<Timeouts>;
}

export interface Timeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export type ClientCredential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; path: string; privateKeyPem: string; certificatePem: string; thumbprintSha256: string };

export interface ClientConfig {
  partnerCenterUrl: string;
  graphUrl: string;
  authority: string;
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  refreshToken: string | undefined;
  /** PEM text of the CA to trust in addition to the system store, when CSPCTL_CA_FILE is set. */
  ca: string | undefined;
  locale: string;
  timeouts: Timeouts;
}

export const defaultTimeouts: Timeouts = { connectMs: 10_000, headersMs: 180_000, bodyMs: 180_000 };
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Env = Record<string, string | undefined>;

/** Resolves options and environment into a checked configuration; every problem names its variable. */
export function resolveConfig(options: ClientOptions = {}, env: Env = process.env): ClientConfig {
  const pick = (option: string | undefined, variable: string): string | undefined => {
    const value = option ?? env[variable];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const tenantId = required(
    pick(options.tenantId, "CSPCTL_TENANT_ID"),
    "CSPCTL_TENANT_ID",
    "the partner (CSP) tenant id",
  );
  const clientId = required(
    pick(options.clientId, "CSPCTL_CLIENT_ID"),
    "CSPCTL_CLIENT_ID",
    "the application (client) id of the partner's Entra app",
  );
  if (!guidPattern.test(clientId)) throw invalid("CSPCTL_CLIENT_ID", "must be a GUID");
  const caFile = pick(options.caFile, "CSPCTL_CA_FILE");
  return {
    partnerCenterUrl: url(
      pick(options.partnerCenterUrl, "CSPCTL_PARTNER_CENTER_URL") ?? productionDefaults.partnerCenterUrl,
      "CSPCTL_PARTNER_CENTER_URL",
    ),
    graphUrl: url(pick(options.graphUrl, "CSPCTL_GRAPH_URL") ?? productionDefaults.graphUrl, "CSPCTL_GRAPH_URL"),
    authority: url(pick(options.authority, "CSPCTL_AUTHORITY") ?? productionDefaults.authority, "CSPCTL_AUTHORITY"),
    tenantId,
    clientId,
    credential: credential(
      pick(options.clientSecret, "CSPCTL_CLIENT_SECRET"),
      pick(options.clientCertificatePath, "CSPCTL_CLIENT_CERTIFICATE"),
    ),
    refreshToken: pick(options.refreshToken, "CSPCTL_REFRESH_TOKEN"),
    ca: caFile === undefined ? undefined : readPem(caFile, "CSPCTL_CA_FILE"),
    locale: options.locale ?? "en-US",
    timeouts: { ...defaultTimeouts, ...options.timeouts },
  };
}

function credential(secret: string | undefined, certificatePath: string | undefined): ClientCredential {
  if (secret !== undefined && certificatePath !== undefined) {
    throw new CspctlError({
      code: "client.config_conflict",
      message:
        "Both CSPCTL_CLIENT_SECRET and CSPCTL_CLIENT_CERTIFICATE are set; cspctl uses exactly one client credential.",
      hint: "Unset one of CSPCTL_CLIENT_SECRET or CSPCTL_CLIENT_CERTIFICATE.",
    });
  }
  if (secret !== undefined) return { kind: "secret", secret };
  if (certificatePath !== undefined) return loadCertificate(certificatePath);
  throw new CspctlError({
    code: "client.config_missing",
    message: "No client credential: set CSPCTL_CLIENT_SECRET or CSPCTL_CLIENT_CERTIFICATE.",
    hint: "CSPCTL_CLIENT_CERTIFICATE is the path of a PEM file holding the certificate and its private key.",
  });
}

/** Reads a PEM holding a certificate and its private key; the SHA-256 thumbprint is derived, never configured. */
function loadCertificate(path: string): ClientCredential {
  const pem = readPem(path, "CSPCTL_CLIENT_CERTIFICATE");
  const certificatePem = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const keyPem = pem.match(
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/,
  )?.[0];
  if (certificatePem === undefined)
    throw invalid("CSPCTL_CLIENT_CERTIFICATE", `${path} holds no "BEGIN CERTIFICATE" block`);
  if (keyPem === undefined) throw invalid("CSPCTL_CLIENT_CERTIFICATE", `${path} holds no private key block`);
  let thumbprintSha256: string;
  let privateKeyPem: string;
  try {
    thumbprintSha256 = new X509Certificate(certificatePem).fingerprint256.replaceAll(":", "").toLowerCase();
    // MSAL wants PKCS#8 ("BEGIN PRIVATE KEY"); convert RSA/EC keys.
    privateKeyPem = createPrivateKey(keyPem).export({ format: "pem", type: "pkcs8" }).toString();
  } catch {
    throw invalid("CSPCTL_CLIENT_CERTIFICATE", `${path} does not hold a readable certificate and private key`);
  }
  return { kind: "certificate", path, privateKeyPem, certificatePem, thumbprintSha256 };
}

function readPem(path: string, variable: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw invalid(variable, `cannot read ${path} (${reason})`);
  }
}

function required(value: string | undefined, variable: string, what: string): string {
  if (value !== undefined) return value;
  throw new CspctlError({
    code: "client.config_missing",
    message: `${variable} is not set: it must hold ${what}.`,
    hint: `Set ${variable} or pass the matching option to createClient.`,
  });
}

function url(value: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalid(variable, `"${value}" is not a URL`);
  }
  if (parsed.protocol !== "https:") throw invalid(variable, "must be an https:// URL");
  return value.replace(/\/+$/, "");
}

function invalid(variable: string, reason: string): CspctlError {
  return new CspctlError({
    code: "client.config_invalid",
    message: `${variable} ${reason}.`,
    hint: `Fix ${variable}.`,
  });
}
