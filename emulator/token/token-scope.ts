// Which API a token request is for: the v2 `scope` (`https://graph.microsoft.com/.default openid …`)
// or the v1 `resource` parameter.
import { AUDIENCES, type Audience } from "./access-token.js";

const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

export type ScopeResult =
  | { ok: true; audience: Audience; scope: string; wantsIdToken: boolean; isDefault: boolean }
  | { ok: false; aadsts: number; message: string };

export function resolveScope(scope: string | null, resource: string | null): ScopeResult {
  if ((scope === null || scope.trim() === "") && resource !== null) {
    const audience = audienceOf(resource.replace(/\/+$/, ""));
    if (audience === undefined) return unknownResource(resource);
    return { ok: true, audience, scope: "user_impersonation", wantsIdToken: false, isDefault: true };
  }
  if (scope === null || scope.trim() === "") {
    return { ok: false, aadsts: 900144, message: "The request body must contain the following parameter: 'scope'." };
  }
  const requested = scope.split(/\s+/).filter((s) => s !== "");
  const apiScopes = requested.filter((s) => !OIDC_SCOPES.has(s));
  if (apiScopes.length === 0) {
    return {
      ok: false,
      aadsts: 70011,
      message:
        "The provided request must include a 'scope' input parameter for an API such as https://api.partnercenter.microsoft.com/.default.",
    };
  }
  const resources = new Set(apiScopes.map(resourceOf));
  if (resources.size > 1) {
    return {
      ok: false,
      aadsts: 28000,
      message: "Provided value for the input parameter scope is not valid because it contains more than one resource.",
    };
  }
  const resourceUrl = [...resources][0]!;
  const audience = audienceOf(resourceUrl);
  if (audience === undefined) return unknownResource(resourceUrl);
  const isDefault = apiScopes.every((s) => s.endsWith("/.default"));
  return { ok: true, audience, scope: requested.join(" "), wantsIdToken: requested.includes("openid"), isDefault };
}

function resourceOf(scope: string): string {
  const slash = scope.lastIndexOf("/");
  return slash > "https://".length ? scope.slice(0, slash) : scope;
}

function audienceOf(resource: string): Audience | undefined {
  const normalised = resource.toLowerCase();
  return (Object.keys(AUDIENCES) as Audience[]).find((audience) => AUDIENCES[audience] === normalised);
}

function unknownResource(resource: string): ScopeResult {
  return {
    ok: false,
    aadsts: 500011,
    message: `The resource principal named ${resource} was not found in the tenant. The emulator issues tokens for ${Object.values(AUDIENCES).join(", ")}.`,
  };
}
