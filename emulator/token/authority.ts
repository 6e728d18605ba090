// Routes the authority face: `{origin}/{tenant}/…` for discovery, keys and tokens.
import type { EmulatorResponse } from "../pipeline/types.js";
import { instanceDiscovery, jwks, openIdConfiguration } from "./discovery.js";
import { oauthError } from "./oauth-error.js";
import { handleTokenRequest, type TokenEndpointDeps } from "./token-endpoint.js";

export interface AuthorityRequest {
  method: string;
  /** Path segments, already split and decoded. */
  segments: string[];
  query: URLSearchParams;
  /** The raw request body (form-encoded for the token endpoint). */
  rawBody: string;
  origin: string;
  correlationId: string | undefined;
}

/** Returns undefined when the path is not an authority path. */
export async function handleAuthorityRequest(
  deps: TokenEndpointDeps,
  request: AuthorityRequest,
): Promise<EmulatorResponse | undefined> {
  const [segment, ...rest] = request.segments;
  if (segment === undefined || !isTenantSegment(segment)) return undefined;
  const tail = rest.join("/").toLowerCase();
  const isDiscovery =
    request.method === "GET" &&
    [
      "v2.0/.well-known/openid-configuration",
      ".well-known/openid-configuration",
      "discovery/v2.0/keys",
      "discovery/keys",
      "discovery/instance",
    ].includes(tail);
  const isToken = request.method === "POST" && (tail === "oauth2/v2.0/token" || tail === "oauth2/token");
  if (!isDiscovery && !isToken) return undefined;
  // Entra takes the tenant as its id or as one of its domains, and answers AADSTS90002 for one it does not know.
  const tenant = ALIASES.has(segment.toLowerCase()) ? segment : deps.domain.resolveTenant(segment);
  if (tenant === undefined) {
    return oauthError(
      400,
      "invalid_request",
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      request.correlationId,
      deps.wallClock(),
    );
  }
  if (request.method === "GET") {
    if (tenant === "common" && tail === "discovery/instance")
      return instanceDiscovery(request.origin, request.query.get("authorization_endpoint"));
    if (tail === "discovery/v2.0/keys" || tail === "discovery/keys") return jwks(deps.key);
    if (tail !== "discovery/instance") return openIdConfiguration(request.origin, tenant);
    return undefined;
  }
  return handleTokenRequest(deps, {
    tenant,
    requestedAs: segment,
    form: new URLSearchParams(request.rawBody),
    origin: request.origin,
    correlationId: request.correlationId,
  });
}

const ALIASES = new Set(["common", "organizations", "consumers"]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name with at least two labels (`contoso.onmicrosoft.com`). */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function isTenantSegment(segment: string): boolean {
  return GUID.test(segment) || DOMAIN.test(segment) || ALIASES.has(segment.toLowerCase());
}
