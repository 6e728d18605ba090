// The metadata MSAL fetches before it asks for a token: instance discovery, OpenID configuration
// and the JWKS, all under the emulator's own origin (the authority host).
import type { EmulatorResponse } from "../pipeline/types.js";
import type { SigningKey } from "./signing-key.js";

const TENANT_ALIASES = new Set(["common", "organizations", "consumers"]);

export function instanceDiscovery(origin: string, authorizationEndpoint: string | null): EmulatorResponse {
  const host = new URL(origin).host;
  const tenant = tenantFromAuthorizeUrl(authorizationEndpoint) ?? "common";
  return {
    status: 200,
    body: {
      tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
}

export function openIdConfiguration(origin: string, tenant: string): EmulatorResponse {
  const issuerTenant = TENANT_ALIASES.has(tenant.toLowerCase()) ? "{tenantid}" : tenant;
  const base = `${origin}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${origin}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/graph/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
      ],
      tenant_region_scope: null,
      cloud_instance_name: "cspctl.emulator",
      cloud_graph_host_name: new URL(origin).host,
      msgraph_host: new URL(origin).host,
      rbac_url: origin,
    },
  };
}

export function jwks(key: SigningKey): EmulatorResponse {
  return { status: 200, body: { keys: [key.publicJwk] } };
}

function tenantFromAuthorizeUrl(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    return new URL(url).pathname.split("/").filter((s) => s !== "")[0];
  } catch {
    return undefined;
  }
}
