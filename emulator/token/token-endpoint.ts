// POST {authority}/{tenant}/oauth2/v2.0/token: client_credentials (secret or certificate assertion)
// and refresh_token (Secure Application Model: app+user, rotating the refresh token).
import type { EmulatorDomain, EmulatorResponse, PartnerApplication } from "../pipeline/types.js";
import { AUDIENCES, issueAccessToken, type AccessTokenClaims, type Audience } from "./access-token.js";
import { CLIENT_ASSERTION_TYPE, verifyClientAssertion } from "./client-assertion.js";
import { issueIdToken } from "./id-token.js";
import { oauthError } from "./oauth-error.js";
import type { RefreshTokenGrant, RefreshTokenStore } from "./refresh-tokens.js";
import type { SigningKey } from "./signing-key.js";
import { resolveScope } from "./token-scope.js";

export interface TokenEndpointDeps {
  domain: Pick<EmulatorDomain, "findApplication" | "findRefreshToken" | "isCustomerOf" | "resolveTenant">;
  key: SigningKey;
  refreshTokens: RefreshTokenStore;
  wallClock: () => number;
  tokenLifetimeSeconds?: number;
  /** Called after a refresh token was rotated, so the new one can be persisted before it is handed out. */
  onRefreshTokenIssued?: () => Promise<void>;
  /** Called with each access token issued and its payload, so the API's token check need not verify its own signature again. */
  onAccessTokenIssued?: (token: string, claims: AccessTokenClaims) => void;
}

export interface TokenRequest {
  /** The tenant id the authority URL names (resolved from a domain), or an alias such as `common`. */
  tenant: string;
  /** The tenant path segment as the caller wrote it (a domain or the id); client assertions may name either endpoint. */
  requestedAs?: string;
  form: URLSearchParams;
  /** Authority origin, e.g. `https://127.0.0.1:8443`. */
  origin: string;
  correlationId: string | undefined;
}

export async function handleTokenRequest(deps: TokenEndpointDeps, request: TokenRequest): Promise<EmulatorResponse> {
  const { form, tenant } = request;
  const nowMs = deps.wallClock();
  const fail = (
    status: number,
    error: Parameters<typeof oauthError>[1],
    aadsts: number,
    message: string,
  ): EmulatorResponse => oauthError(status, error, aadsts, message, request.correlationId, nowMs);

  const grantType = form.get("grant_type");
  if (grantType !== "client_credentials" && grantType !== "refresh_token") {
    return fail(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType ?? ""}'. The emulator supports client_credentials and refresh_token.`,
    );
  }
  const clientId = form.get("client_id");
  if (clientId === null || clientId === "")
    return fail(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
  const application = deps.domain.findApplication(clientId);
  if (application === undefined) {
    return fail(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  }

  const endpoints = [...new Set([tenant, request.requestedAs ?? tenant, application.partnerTenantId])].map(
    (t) => `${request.origin}/${t}/oauth2/v2.0/token`,
  );
  const authFailure = await authenticateClient(form, application, endpoints, nowMs);
  if (authFailure !== undefined) return fail(401, "invalid_client", authFailure.aadsts, authFailure.message);

  const scope = resolveScope(form.get("scope"), form.get("resource"));
  if (!scope.ok) return fail(400, "invalid_scope", scope.aadsts, scope.message);

  const tenantProblem = checkTenant(deps, application, tenant, scope.audience);
  if (tenantProblem !== undefined) return fail(400, "invalid_request", tenantProblem.aadsts, tenantProblem.message);

  const base = {
    key: deps.key,
    authority: request.origin,
    tenantId: tenant,
    audience: scope.audience,
    clientId,
    nowMs,
    lifetimeSeconds: deps.tokenLifetimeSeconds,
  };
  if (grantType === "client_credentials") {
    if (!scope.isDefault) {
      return fail(
        400,
        "invalid_scope",
        1002012,
        `The provided value for scope ${scope.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const { token, expiresIn, claims } = await issueAccessToken(base);
    deps.onAccessTokenIssued?.(token, claims);
    return tokenResponse({ access_token: token, expires_in: expiresIn, scope: scope.scope });
  }

  const presented = form.get("refresh_token");
  if (presented === null || presented === "")
    return fail(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'refresh_token'.",
    );
  const grant = findRefreshGrant(deps, presented, application);
  if (grant === undefined) {
    return fail(400, "invalid_grant", 70000, "Provided grant is invalid or malformed.");
  }
  const { token, expiresIn, claims } = await issueAccessToken({ ...base, userObjectId: grant.userObjectId });
  deps.onAccessTokenIssued?.(token, claims);
  const refreshToken = deps.refreshTokens.issue(grant);
  await deps.onRefreshTokenIssued?.();
  const body: Record<string, unknown> = {
    access_token: token,
    expires_in: expiresIn,
    scope: userScope(scope.audience, scope.scope),
    refresh_token: refreshToken,
    client_info: Buffer.from(JSON.stringify({ uid: grant.userObjectId, utid: tenant })).toString("base64url"),
  };
  if (scope.wantsIdToken) {
    body.id_token = await issueIdToken({
      key: deps.key,
      authority: request.origin,
      tenantId: tenant,
      clientId,
      userObjectId: grant.userObjectId,
      nowMs,
    });
  }
  return tokenResponse(body);
}

/** Seeded refresh tokens belong to a partner user; rotated ones are also bound to the client that redeemed them. */
function findRefreshGrant(
  deps: TokenEndpointDeps,
  presented: string,
  application: PartnerApplication,
): RefreshTokenGrant | undefined {
  const samePartner = (grant: RefreshTokenGrant): boolean =>
    grant.partnerTenantId.toLowerCase() === application.partnerTenantId.toLowerCase();
  const seeded = deps.domain.findRefreshToken(presented);
  if (seeded !== undefined) return samePartner(seeded) ? { ...seeded, clientId: application.clientId } : undefined;
  const rotated = deps.refreshTokens.find(presented);
  return rotated !== undefined &&
    samePartner(rotated) &&
    rotated.clientId.toLowerCase() === application.clientId.toLowerCase()
    ? rotated
    : undefined;
}

async function authenticateClient(
  form: URLSearchParams,
  application: PartnerApplication,
  audiences: string[],
  nowMs: number,
): Promise<{ aadsts: number; message: string } | undefined> {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    if (application.clientSecrets.includes(secret)) return undefined;
    return {
      aadsts: 7000215,
      message:
        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.",
    };
  }
  if (assertion !== null) {
    if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE) {
      return { aadsts: 50027, message: `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.` };
    }
    return verifyClientAssertion({
      assertion,
      clientId: application.clientId,
      certificates: application.certificates,
      audiences,
      nowMs,
    });
  }
  return {
    aadsts: 7000218,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  };
}

/** Partner Center tokens come from the partner's own tenant; Graph tokens from it or from one of its customers (GDAP). */
function checkTenant(
  deps: TokenEndpointDeps,
  application: PartnerApplication,
  tenant: string,
  audience: Audience,
): { aadsts: number; message: string } | undefined {
  if (tenant.toLowerCase() === application.partnerTenantId.toLowerCase()) return undefined;
  if (audience === "graph" && deps.domain.isCustomerOf(application.partnerTenantId, tenant)) return undefined;
  if (audience !== "graph" && deps.domain.isCustomerOf(application.partnerTenantId, tenant)) {
    return {
      aadsts: 500011,
      message: `Partner Center tokens are issued by the partner's own tenant '${application.partnerTenantId}', not by customer tenant '${tenant}'.`,
    };
  }
  return {
    aadsts: 700016,
    message: `Application with identifier '${application.clientId}' was not found in the directory '${tenant}'. This can happen if the tenant is not a customer of the partner that owns the application.`,
  };
}

function userScope(audience: Audience, requested: string): string {
  const oidc = requested.split(" ").filter((s) => ["openid", "profile", "offline_access", "email"].includes(s));
  const api =
    audience === "graph" ? "https://graph.microsoft.com/.default" : `${AUDIENCES[audience]}/user_impersonation`;
  return [api, ...oidc].join(" ");
}

function tokenResponse(fields: Record<string, unknown>): EmulatorResponse {
  return {
    status: 200,
    headers: { "cache-control": "no-store, no-cache", pragma: "no-cache" },
    body: { token_type: "Bearer", ext_expires_in: fields.expires_in, ...fields },
  };
}
