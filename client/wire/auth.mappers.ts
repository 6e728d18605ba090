// The token endpoint's answer is consumed by MSAL; this reads its non-secret parts (type, lifetime,
// scope) so the sample payload is checked like every other, and never returns the tokens.
import { defined, optStr, record, str, unexpected } from "../wire-read.js";
import type { TokenResponse } from "./auth.js";

export interface TokenLifetime {
  tokenType: string;
  expiresInSeconds: number;
  scope?: string;
  resource?: string;
}

export function tokenLifetimeFromWire(wire: TokenResponse): TokenLifetime {
  const context = "token response";
  const source = record(wire, context);
  str(source, "access_token", context);
  const expiresIn = Number(source["expires_in"]);
  if (!Number.isFinite(expiresIn)) throw unexpected(context, `"expires_in" is not a number of seconds`);
  return defined({
    tokenType: str(source, "token_type", context),
    expiresInSeconds: expiresIn,
    scope: optStr(source, "scope", context),
    resource: optStr(source, "resource", context),
  });
}
