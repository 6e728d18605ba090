// Routes the authority face: `{origin}/{tenant}/…` for discovery, keys and tokens.
import type { EmulatorResponse } from "../pipeline/types.js";
import { instanceDiscovery, jwks, openIdConfiguration } from "./discovery.js";
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
export async function handleAuthorityRequest(deps: TokenEndpointDeps, request: AuthorityRequest): Promise<EmulatorResponse | undefined> {
  const [tenant, ...rest] = request.segments;
  if (tenant === undefined || !isTenantSegment(tenant)) return undefined;
  const tail = rest.join("/").toLowerCase();
  if (request.method === "GET") {
    if (tenant === "common" && tail === "discovery/instance") return instanceDiscovery(request.origin, request.query.get("authorization_endpoint"));
    if (tail === "v2.0/.well-known/openid-configuration" || tail === ".well-known/openid-configuration") return openIdConfiguration(request.origin, tenant);
    if (tail === "discovery/v2.0/keys" || tail === "discovery/keys") return jwks(deps.key);
  }
  if (request.method === "POST" && (tail === "oauth2/v2.0/token" || tail === "oauth2/token")) {
    return handleTokenRequest(deps, { tenant, form: new URLSearchParams(request.rawBody), origin: request.origin, correlationId: request.correlationId });
  }
  return undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isTenantSegment(segment: string): boolean {
  return GUID.test(segment) || ["common", "organizations", "consumers"].includes(segment.toLowerCase());
}
