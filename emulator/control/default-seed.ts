// The partner `cspctl emulator` and `startEmulator()` create when no seed is given: one partner
// tenant with one application (a random secret) and one partner user (a random refresh token).
import { randomBytes, randomUUID } from "node:crypto";

export interface DefaultCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SeedPartner {
  tenantId: string;
  name: string;
  mpnId: string;
  applications: { clientId: string; clientSecrets: string[]; certificates: string[] }[];
  users: { objectId: string; userPrincipalName: string; refreshTokens: string[] }[];
  customers: unknown[];
}

export function defaultSeed(): { partners: SeedPartner[]; tenants: unknown[] } {
  return {
    partners: [
      {
        tenantId: randomUUID(),
        name: "Emulated Partner Ltd",
        mpnId: String(1_000_000 + Math.floor(Math.random() * 8_999_999)),
        applications: [
          { clientId: randomUUID(), clientSecrets: [`emu~${randomBytes(24).toString("base64url")}`], certificates: [] },
        ],
        users: [
          {
            objectId: randomUUID(),
            userPrincipalName: "admin@emulatedpartner.onmicrosoft.com",
            refreshTokens: [`0.A${randomBytes(48).toString("base64url")}`],
          },
        ],
        customers: [],
      },
    ],
    tenants: [],
  };
}

/** The first partner's first application secret and first user's refresh token, for the env line. */
export function credentialsOf(seed: unknown): DefaultCredentials | undefined {
  const partner = (seed as { partners?: Partial<SeedPartner>[] } | null)?.partners?.[0];
  const application = partner?.applications?.[0];
  const clientSecret = application?.clientSecrets?.[0];
  const refreshToken = partner?.users?.flatMap((user) => user.refreshTokens ?? [])[0];
  if (partner?.tenantId === undefined || application === undefined || clientSecret === undefined) return undefined;
  return { tenantId: partner.tenantId, clientId: application.clientId, clientSecret, refreshToken: refreshToken ?? "" };
}
