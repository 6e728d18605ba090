// Access tokens shaped like Entra ID's v2 tokens (tid, aud, appid, idtyp, oid, scp/roles, iss, exp,
// nbf, iat), signed RS256 with the authority key. Lifetimes follow wall time, not the business clock.
import { errors, jwtVerify, SignJWT } from "jose";
import type { SigningKey } from "./signing-key.js";

export const AUDIENCES = {
  "partner-center": "https://api.partnercenter.microsoft.com",
  graph: "https://graph.microsoft.com",
} as const;
export type Audience = keyof typeof AUDIENCES;

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export interface AccessTokenClaims {
  tid: string;
  aud: string;
  appid: string;
  idtyp: "app" | "user";
  oid?: string;
  scp?: string;
  roles?: string[];
  iss: string;
  exp: number;
  nbf: number;
  iat: number;
}

export interface IssueAccessTokenOptions {
  key: SigningKey;
  /** The authority origin, e.g. `https://127.0.0.1:8443`; the issuer is `{origin}/{tenantId}/v2.0`. */
  authority: string;
  tenantId: string;
  audience: Audience;
  clientId: string;
  userObjectId?: string;
  nowMs: number;
  lifetimeSeconds?: number;
}

const DELEGATED_SCOPES: Record<Audience, string> = {
  "partner-center": "user_impersonation",
  graph: "Directory.AccessAsUser.All Directory.ReadWrite.All User.ReadWrite.All",
};
const APPLICATION_ROLES: Record<Audience, string[] | undefined> = {
  "partner-center": undefined,
  graph: ["Directory.ReadWrite.All", "User.ReadWrite.All", "Organization.Read.All"],
};

/** The signed token, its lifetime, and its payload exactly as signed (what verifying it would give). */
export async function issueAccessToken(
  options: IssueAccessTokenOptions,
): Promise<{ token: string; expiresIn: number; claims: AccessTokenClaims }> {
  const lifetime = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const iat = Math.floor(options.nowMs / 1000);
  const isUser = options.userObjectId !== undefined;
  const claims: Record<string, unknown> = {
    tid: options.tenantId,
    appid: options.clientId,
    azp: options.clientId,
    idtyp: isUser ? "user" : "app",
    ver: "2.0",
  };
  if (isUser) {
    claims.oid = options.userObjectId;
    claims.scp = DELEGATED_SCOPES[options.audience];
  } else {
    const roles = APPLICATION_ROLES[options.audience];
    if (roles !== undefined) claims.roles = roles;
  }
  const issuer = `${options.authority}/${options.tenantId}/v2.0`;
  const subject = options.userObjectId ?? options.clientId;
  // the payload is built whole, so what is signed is exactly what the API's token check is handed
  const payload = {
    ...claims,
    iss: issuer,
    aud: AUDIENCES[options.audience],
    sub: subject,
    iat,
    nbf: iat,
    exp: iat + lifetime,
  };
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.key.kid })
    .sign(options.key.privateKey);
  return { token, expiresIn: lifetime, claims: payload as unknown as AccessTokenClaims };
}

export type TokenRejection = "malformed" | "bad_signature" | "expired" | "not_yet_valid";

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: TokenRejection };

/** Checks signature, shape and lifetime. The audience is the caller's concern (it depends on the route). */
export async function verifyAccessToken(token: string, key: SigningKey, nowMs: number): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, { algorithms: ["RS256"], currentDate: new Date(nowMs) });
    if (!hasAccessTokenShape(payload)) return { ok: false, reason: "malformed" };
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: rejectionOf(error) };
  }
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "nbf") return "not_yet_valid";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  return "malformed";
}

function hasAccessTokenShape(payload: Record<string, unknown>): payload is AccessTokenClaims & Record<string, unknown> {
  return (
    typeof payload.tid === "string" &&
    typeof payload.aud === "string" &&
    typeof payload.appid === "string" &&
    (payload.idtyp === "app" || payload.idtyp === "user") &&
    (payload.idtyp === "app" || typeof payload.oid === "string") &&
    typeof payload.exp === "number"
  );
}
