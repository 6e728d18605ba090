// Two partners with known credentials (secrets, refresh tokens) and one customer each that already
// owns a subscription and a licensed user, for tests that must recognise or forge credentials.
import { randomUUID } from "node:crypto";

export interface KnownPartner {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  userObjectId: string;
  customer: { tenantId: string; domain: string; subscriptionId: string; userId: string; userPrincipalName: string };
}

export function knownPartner(label: string): KnownPartner {
  const short = randomUUID().slice(0, 8);
  const domain = `${label}${short}.onmicrosoft.com`;
  return {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: `known-secret-${label}-${randomUUID()}`,
    refreshToken: `known-rt-${label}-${randomUUID()}`,
    userObjectId: randomUUID(),
    customer: {
      tenantId: randomUUID(),
      domain,
      subscriptionId: randomUUID(),
      userId: randomUUID(),
      userPrincipalName: `ada@${domain}`,
    },
  };
}

/** The emulator seed declaring the partners; the first one's credentials become the emulator's env. */
export function seedOf(...partners: KnownPartner[]): unknown {
  return {
    partners: partners.map((p, index) => ({
      tenantId: p.tenantId,
      name: `Known Partner ${index}`,
      mpnId: String(7_000_000 + index),
      applications: [{ clientId: p.clientId, clientSecrets: [p.clientSecret], certificates: [] }],
      users: [
        {
          objectId: p.userObjectId,
          userPrincipalName: `admin${index}@partner${index}.example`,
          refreshTokens: [p.refreshToken],
        },
      ],
      customers: [
        {
          tenantId: p.customer.tenantId,
          companyName: `Customer ${index}`,
          domain: p.customer.domain,
          country: "US",
          subscriptions: [
            {
              id: p.customer.subscriptionId,
              offerId: "CFQ7TTC0LH18:0001",
              quantity: 10,
              termDuration: "P1Y",
              billingCycle: "monthly",
              autoRenewEnabled: true,
              isTrial: false,
              status: "active",
              purchasedAt: "2026-11-20T00:00:00Z",
            },
          ],
          users: [
            {
              id: p.customer.userId,
              userPrincipalName: p.customer.userPrincipalName,
              displayName: "Ada",
              usageLocation: "US",
              assignedLicenses: [],
            },
          ],
        },
      ],
    })),
    tenants: [],
  };
}

export const SCOPES = {
  "partner-center": "https://api.partnercenter.microsoft.com/.default",
  graph: "https://graph.microsoft.com/.default",
} as const;

export function tokenForm(partner: KnownPartner, audience: keyof typeof SCOPES, kind: "app" | "user"): string {
  const form = new URLSearchParams({
    client_id: partner.clientId,
    client_secret: partner.clientSecret,
    scope: SCOPES[audience],
  });
  if (kind === "app") form.set("grant_type", "client_credentials");
  else {
    form.set("grant_type", "refresh_token");
    form.set("refresh_token", partner.refreshToken);
  }
  return form.toString();
}
