// Seed bodies shared by the emulator's transport tests.
import { randomUUID } from "node:crypto";

export interface TestPartner {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  userObjectId: string;
  customerTenantId: string;
  customerDomain: string;
}

export function testPartner(label: string, certificates: string[] = []): { partner: TestPartner; seed: unknown } {
  const partner: TestPartner = {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: `secret-${label}-${randomUUID()}`,
    refreshToken: `rt-${label}-${randomUUID()}`,
    userObjectId: randomUUID(),
    customerTenantId: randomUUID(),
    customerDomain: `${label}${randomUUID().slice(0, 8)}.onmicrosoft.com`,
  };
  const seed = {
    partners: [
      {
        tenantId: partner.tenantId,
        name: `Partner ${label}`,
        mpnId: "1234567",
        applications: [{ clientId: partner.clientId, clientSecrets: [partner.clientSecret], certificates }],
        users: [
          {
            objectId: partner.userObjectId,
            userPrincipalName: `admin@${label}.example`,
            refreshTokens: [partner.refreshToken],
          },
        ],
        customers: [
          { tenantId: partner.customerTenantId, domain: partner.customerDomain, companyName: `Customer of ${label}` },
        ],
      },
    ],
  };
  return { partner, seed };
}

export function tokenForm(partner: TestPartner, scope: string, kind: "app" | "user"): string {
  const form = new URLSearchParams({ client_id: partner.clientId, client_secret: partner.clientSecret, scope });
  if (kind === "app") form.set("grant_type", "client_credentials");
  else {
    form.set("grant_type", "refresh_token");
    form.set("refresh_token", partner.refreshToken);
  }
  return form.toString();
}

export const PC_SCOPE = "https://api.partnercenter.microsoft.com/.default";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const FORM = { "content-type": "application/x-www-form-urlencoded" };
