// The token check of every API call: a bearer token signed by the emulator's authority, alive, for
// the route's API (Partner Center or Graph), of the right kind (app+user where Partner Center
// demands it) and, for Graph, for a tenant the calling partner may act in.
import {
  applicationOnlyNotSupported,
  graphForbidden,
  graphUnauthorized,
  partnerCenterUnauthorized,
  partnerTokenNotAllowed,
  type EmulatorHttpError,
} from "../errors.js";
import { AUDIENCES, verifyAccessToken, type AccessTokenClaims, type TokenRejection } from "../token/access-token.js";
import type { SigningKey } from "../token/signing-key.js";
import type { EmulatorDomain, Principal, Route } from "./types.js";

const REJECTION_TEXT: Record<TokenRejection | "missing" | "audience" | "unknown_application", string> = {
  missing: "Authorization token is missing. Send 'Authorization: Bearer <token>'.",
  malformed: "Access token is not a valid JWT issued by this authority.",
  bad_signature: "Access token validation failure: the signature does not match the authority's signing key.",
  expired: "Lifetime validation failed, the token is expired.",
  not_yet_valid: "Lifetime validation failed, the token is not yet valid.",
  audience: "Access token validation failure. Invalid audience.",
  unknown_application:
    "Access token validation failure: the application that requested the token is no longer registered.",
};

/** Licence and user routes answer 900316; other app+user routes 900329 (Partner Center docs: error-codes). */
const LICENSE_MANAGEMENT = /\/(users|subscribedskus|licenses|licenseupdates)(\/|$)/i;

export interface AuthenticatorDeps {
  key: SigningKey;
  domain: Pick<EmulatorDomain, "findApplication" | "isCustomerOf">;
  wallClock: () => number;
}

export class Authenticator {
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(private readonly deps: AuthenticatorDeps) {}

  async authenticate(
    route: Route,
    params: Record<string, string>,
    authorization: string | undefined,
    requestId: string,
  ): Promise<Principal> {
    const reject = (reason: keyof typeof REJECTION_TEXT): EmulatorHttpError =>
      route.face === "graph"
        ? graphUnauthorized(REJECTION_TEXT[reason], requestId)
        : partnerCenterUnauthorized(reason === "missing", REJECTION_TEXT[reason]);

    const token = bearerToken(authorization);
    if (token === undefined)
      throw reject(authorization === undefined || authorization.trim() === "" ? "missing" : "malformed");
    const claims = await this.verify(token);
    if (typeof claims === "string") throw reject(claims);
    if (claims.aud !== AUDIENCES[route.face]) throw reject("audience");
    const application = this.deps.domain.findApplication(claims.appid);
    if (application === undefined) throw reject("unknown_application");

    const partnerTenantId = application.partnerTenantId;
    if (route.face !== "graph") {
      if (claims.tid.toLowerCase() !== partnerTenantId.toLowerCase()) throw reject("audience");
      if (route.auth === "user" && claims.idtyp === "app") {
        throw LICENSE_MANAGEMENT.test(route.template) ? partnerTokenNotAllowed() : applicationOnlyNotSupported();
      }
    } else {
      const wanted = params.customerTenantId;
      if (wanted !== undefined && wanted.toLowerCase() !== claims.tid.toLowerCase()) throw graphForbidden(requestId);
      const ownTenant = claims.tid.toLowerCase() === partnerTenantId.toLowerCase();
      if (!ownTenant && !this.deps.domain.isCustomerOf(partnerTenantId, claims.tid)) throw graphForbidden(requestId);
    }
    return {
      partnerTenantId,
      clientId: claims.appid,
      kind: claims.idtyp,
      ...(claims.oid === undefined || claims.idtyp === "app" ? {} : { userObjectId: claims.oid }),
      audience: route.face,
      tenantId: claims.tid,
    };
  }

  /**
   * A token this authority just signed, with its payload: its signature is known to be good, so its
   * first use skips the RSA verification (one per customer tenant in a plan). Lifetimes, audience,
   * application and tenant are still checked on every request.
   */
  remember(token: string, claims: AccessTokenClaims): void {
    if (this.verified.size >= 5000) this.verified.clear();
    this.verified.set(token, claims);
  }

  /** Signature checks are cached per token (they cannot change); lifetimes are checked every time. */
  private async verify(token: string): Promise<AccessTokenClaims | TokenRejection> {
    const nowMs = this.deps.wallClock();
    const cached = this.verified.get(token);
    if (cached !== undefined) {
      if (cached.exp * 1000 <= nowMs) return "expired";
      if (cached.nbf * 1000 > nowMs) return "not_yet_valid";
      return cached;
    }
    const result = await verifyAccessToken(token, this.deps.key, nowMs);
    if (!result.ok) return result.reason;
    this.remember(token, result.claims);
    return result.claims;
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
