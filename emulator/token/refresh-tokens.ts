// Refresh tokens the authority issued by rotation (each refresh_token grant returns a new one, as
// Entra ID does). Seeded refresh tokens live in the domain; these are kept beside it and persisted.
import { randomBytes } from "node:crypto";

export interface RefreshTokenGrant {
  partnerTenantId: string;
  userObjectId: string;
  clientId: string;
}

export class RefreshTokenStore {
  private readonly tokens = new Map<string, RefreshTokenGrant>();

  issue(grant: RefreshTokenGrant): string {
    const token = `0.A${randomBytes(48).toString("base64url")}`;
    this.tokens.set(token, { ...grant });
    return token;
  }

  find(token: string): RefreshTokenGrant | undefined {
    return this.tokens.get(token);
  }

  clear(): void {
    this.tokens.clear();
  }

  snapshot(): Record<string, RefreshTokenGrant> {
    return Object.fromEntries(this.tokens);
  }

  restore(snapshot: Record<string, RefreshTokenGrant> | undefined): void {
    this.tokens.clear();
    for (const [token, grant] of Object.entries(snapshot ?? {})) this.tokens.set(token, grant);
  }
}
