// Tokens through @azure/msal-node: app-only client credentials (secret or certificate) and app+user
// through the Secure Application Model (the partner user's refresh token). One token per audience,
// kind and tenant, cached and refreshed ahead of expiry, fetched once however many callers wait.
import {
  type AuthenticationResult,
  ConfidentialClientApplication,
  LogLevel,
  type Configuration,
} from "@azure/msal-node";
import type { Dispatcher } from "undici";
import { CspctlError } from "../core/errors.js";
import type { ClientConfig } from "./config.js";
import { PartnerCenterError } from "./errors.js";
import type { Logger } from "./log.js";
import { createMsalNetworkModule } from "./msal-network.js";
import { productionDefaults } from "./config.js";
import { secretRegistry } from "./redact.js";
import type { Layer, ServiceName } from "./send.js";

const scopes: Record<ServiceName, string> = {
  "partner-center": "https://api.partnercenter.microsoft.com/.default",
  graph: "https://graph.microsoft.com/.default",
};

export interface TokenRequest {
  service: ServiceName;
  kind: "app" | "user";
  /** The tenant whose authority issues the token: the partner, or a customer for Graph (GDAP). */
  tenantId: string;
}

export interface TokenProvider {
  getToken(request: TokenRequest): Promise<string>;
  /** Drops a cached token, e.g. after a 401. */
  invalidate(request: TokenRequest): void;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

export interface TokenProviderOptions {
  config: ClientConfig;
  dispatcher: Dispatcher;
  logger: Logger;
  now?: () => number;
  /** Refresh this long before expiry. */
  refreshMarginMs?: number;
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
  const application = new ConfidentialClientApplication(msalConfiguration(config, options.dispatcher, logger));
  const cache = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<string>>();
  const keyOf = (request: TokenRequest): string =>
    `${request.service}|${request.kind}|${request.tenantId.toLowerCase()}`;

  const fetchToken = async (request: TokenRequest): Promise<string> => {
    const authority = `${config.authority}/${request.tenantId}`;
    const scope = [scopes[request.service]];
    logger.debug("auth.token_request", { service: request.service, kind: request.kind, tenantId: request.tenantId });
    let result: AuthenticationResult | null;
    try {
      result =
        request.kind === "user"
          ? await application.acquireTokenByRefreshToken({
              refreshToken: requireRefreshToken(config),
              scopes: scope,
              authority,
            })
          : await application.acquireTokenByClientCredential({ scopes: scope, authority, skipCache: true });
    } catch (error) {
      throw authFailure(error, request, authority);
    }
    if (result === null || result.accessToken === "")
      throw authFailure(new Error("no access token in the answer"), request, authority);
    secretRegistry.add(result.accessToken);
    const expiresAt = result.expiresOn?.getTime() ?? now() + 3_600_000;
    cache.set(keyOf(request), { accessToken: result.accessToken, expiresAt });
    return result.accessToken;
  };

  return {
    getToken(request) {
      if (request.kind === "user") requireRefreshToken(config);
      const key = keyOf(request);
      const cached = cache.get(key);
      if (cached !== undefined && cached.expiresAt - refreshMarginMs > now())
        return Promise.resolve(cached.accessToken);
      let inFlight = pending.get(key);
      if (inFlight === undefined) {
        inFlight = fetchToken(request).finally(() => pending.delete(key));
        pending.set(key, inFlight);
      }
      return inFlight;
    },
    invalidate(request) {
      cache.delete(keyOf(request));
    },
  };
}

function msalConfiguration(config: ClientConfig, dispatcher: Dispatcher, logger: Logger): Configuration {
  const authorityHost = new URL(config.authority).host;
  const isProduction = config.authority === productionDefaults.authority;
  const credential =
    config.credential.kind === "secret"
      ? { clientSecret: config.credential.secret }
      : {
          clientCertificate: {
            thumbprintSha256: config.credential.thumbprintSha256,
            privateKey: config.credential.privateKeyPem,
            x5c: config.credential.certificatePem,
          },
        };
  return {
    auth: {
      clientId: config.clientId,
      authority: `${config.authority}/${config.tenantId}`,
      // A known authority is trusted as-is: MSAL skips instance discovery against login.microsoftonline.com.
      ...(isProduction ? {} : { knownAuthorities: [authorityHost] }),
      ...credential,
    },
    system: {
      networkClient: createMsalNetworkModule(dispatcher),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (_level, message) => logger.debug("auth.msal", { message }),
      },
    },
  };
}

function requireRefreshToken(config: ClientConfig): string {
  if (config.refreshToken !== undefined) return config.refreshToken;
  throw new CspctlError({
    code: "client.credential_missing",
    message:
      "This call needs an app+user token (Partner Center requires it for user and licence calls), but CSPCTL_REFRESH_TOKEN is not set.",
    hint: "Set CSPCTL_REFRESH_TOKEN to a partner user's refresh token obtained through the Secure Application Model consent.",
  });
}

const transientAuthErrors = new Set([
  "network_error",
  "no_network_connectivity",
  "endpoints_resolution_error",
  "temporarily_unavailable",
  "server_error",
  "openid_config_error",
]);

function authFailure(error: unknown, request: TokenRequest, authority: string): PartnerCenterError {
  const errorCode = (error as { errorCode?: unknown }).errorCode;
  const text = error instanceof Error ? error.message : String(error);
  // MSAL repeats the server's answer with trace ids; the AADSTS sentence is the useful part.
  const description = text.match(/AADSTS\d+:[^.]*\./)?.[0] ?? text.split("\n")[0];
  return new PartnerCenterError({
    code: "client.auth_failed",
    message: `The token endpoint at ${authority} refused an ${request.kind === "user" ? "app+user" : "app-only"} token for ${request.service}${typeof errorCode === "string" ? ` (${errorCode})` : ""}: ${description}`,
    hint:
      request.kind === "user"
        ? "Check CSPCTL_REFRESH_TOKEN (it expires after 90 days) and, for Graph, that the customer has a GDAP relationship with the partner."
        : "Check CSPCTL_TENANT_ID, CSPCTL_CLIENT_ID and CSPCTL_CLIENT_SECRET or CSPCTL_CLIENT_CERTIFICATE.",
    service: "login",
    ...(typeof errorCode === "string" ? { serviceCode: errorCode } : {}),
    // The token endpoint being down or unreachable is worth another try; a refused credential is not.
    retryable: typeof errorCode === "string" && transientAuthErrors.has(errorCode),
    cause: error,
  });
}

/** Adds the bearer token the request needs; after a 401 it fetches a fresh token and tries once more. */
export function withAuth(tokens: TokenProvider, partnerTenantId: string): Layer {
  return (next) => async (request) => {
    if (request.auth.kind === "none") return next(request);
    const tokenRequest: TokenRequest = {
      service: request.service,
      kind: request.auth.kind,
      tenantId: request.auth.tenantId ?? partnerTenantId,
    };
    const send = async (): Promise<Awaited<ReturnType<typeof next>>> =>
      next({
        ...request,
        headers: { ...request.headers, Authorization: `Bearer ${await tokens.getToken(tokenRequest)}` },
      });
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof PartnerCenterError) || error.status !== 401) throw error;
      tokens.invalidate(tokenRequest);
      return send();
    }
  };
}
