// The ID token returned beside an app+user access token when `openid` is asked for. MSAL reads
// oid/tid from it to build the account; nobody should authorise with it.
import { SignJWT } from "jose";
import type { SigningKey } from "./signing-key.js";

export interface IssueIdTokenOptions {
  key: SigningKey;
  authority: string;
  tenantId: string;
  clientId: string;
  userObjectId: string;
  nowMs: number;
}

export async function issueIdToken(options: IssueIdTokenOptions): Promise<string> {
  const iat = Math.floor(options.nowMs / 1000);
  return new SignJWT({
    tid: options.tenantId,
    oid: options.userObjectId,
    ver: "2.0",
    preferred_username: options.userObjectId,
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.key.kid })
    .setIssuer(`${options.authority}/${options.tenantId}/v2.0`)
    .setAudience(options.clientId)
    .setSubject(options.userObjectId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + 3600)
    .sign(options.key.privateKey);
}
