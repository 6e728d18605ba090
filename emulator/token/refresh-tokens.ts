// Refresh tokens the authority issued by rotation (each refresh_token grant returns a new one, as
// Entra ID does). Seeded refresh tokens live in the domain; these are kept beside it and persisted.
// Like Entra's, a rotated token is not revoked when it is used, and lapses 90 days after it was
// issued (the chain slides: each use hands out a token good for another 90 days). Lapsed tokens are
// forgotten: tokens are kept in the order they were issued, so the lapsed ones are at the front.
import { randomBytes } from "node:crypto";

/** Entra ID's refresh token lifetime outside single-page apps. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;

export interface RefreshTokenGrant {
  partnerTenantId: string;
  userObjectId: string;
  clientId: string;
}

export interface IssuedRefreshToken extends RefreshTokenGrant {
  /** Wall-clock milliseconds after which the token is refused and forgotten. */
  expiresAt: number;
}

export class RefreshTokenStore {
  private readonly tokens = new Map<string, IssuedRefreshToken>();
  /** Issued since the last takeIssued(), for persistence. */
  private issuedSince: [token: string, issued: IssuedRefreshToken][] = [];

  constructor(private readonly wallClock: () => number = Date.now) {}

  issue(grant: RefreshTokenGrant): string {
    this.prune();
    const token = `0.A${randomBytes(48).toString("base64url")}`;
    const issued = {
      partnerTenantId: grant.partnerTenantId,
      userObjectId: grant.userObjectId,
      clientId: grant.clientId,
      expiresAt: this.wallClock() + REFRESH_TOKEN_LIFETIME_MS,
    };
    this.tokens.set(token, issued);
    this.issuedSince.push([token, issued]);
    return token;
  }

  find(token: string): RefreshTokenGrant | undefined {
    const issued = this.tokens.get(token);
    if (issued === undefined || issued.expiresAt <= this.wallClock()) return undefined;
    return { partnerTenantId: issued.partnerTenantId, userObjectId: issued.userObjectId, clientId: issued.clientId };
  }

  get size(): number {
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
    this.issuedSince = [];
  }

  /** Tokens issued since the last call (for the journal); they stay valid. */
  takeIssued(): [token: string, issued: IssuedRefreshToken][] {
    const taken = this.issuedSince;
    this.issuedSince = [];
    return taken;
  }

  /** Adds tokens read back from disk (lapsed ones are dropped). */
  add(entries: Iterable<[token: string, issued: IssuedRefreshToken]>): void {
    for (const [token, issued] of entries) this.tokens.set(token, issued);
    this.prune();
  }

  snapshot(): Record<string, IssuedRefreshToken> {
    this.prune();
    return Object.fromEntries(this.tokens);
  }

  /** A snapshot saved before tokens had an expiry gives them a full lifetime from now. */
  restore(snapshot: Record<string, RefreshTokenGrant & { expiresAt?: number }> | undefined): void {
    this.clear();
    const now = this.wallClock();
    this.add(
      Object.entries(snapshot ?? {}).map(([token, grant]) => [
        token,
        { ...grant, expiresAt: grant.expiresAt ?? now + REFRESH_TOKEN_LIFETIME_MS },
      ]),
    );
  }

  private prune(): void {
    const now = this.wallClock();
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt > now) break;
      this.tokens.delete(token);
    }
  }
}
