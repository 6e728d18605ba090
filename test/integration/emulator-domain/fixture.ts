// The seed these integration tests start the real emulator with: partner A (whose credentials the
// helper's token() uses), partner B, customers of A with subscriptions and users, and a tenant
// with licences bought elsewhere that is nobody's customer yet.
export const PARTNER_A = "a0000000-0000-4000-8000-00000000000a";
export const PARTNER_B = "b0000000-0000-4000-8000-00000000000b";
export const CONTOSO = "c0000000-0000-4000-8000-000000000001";
export const FABRIKAM = "c0000000-0000-4000-8000-000000000002";
export const NORTHWIND = "d0000000-0000-4000-8000-000000000001";
export const BUSINESS_BASIC = "CFQ7TTC0LH18:0001";
export const BUSINESS_PREMIUM = "CFQ7TTC0LCHC:0002";
export const BASIC_LICENCE = "3b555118-da6a-4418-894f-7df1e2096870";
export function integrationSeed(contosoUsers = 3): Record<string, unknown> {
  return {
    partners: [
      {
        tenantId: PARTNER_A,
        name: "Partner A",
        mpnId: "1000001",
        applications: [
          { clientId: "a1111111-0000-4000-8000-000000000001", clientSecrets: ["secret-of-a"], certificates: [] },
        ],
        users: [
          {
            objectId: "a2222222-0000-4000-8000-000000000001",
            userPrincipalName: "admin@partnera.onmicrosoft.com",
            refreshTokens: ["refresh-of-a"],
          },
        ],
        customers: [
          {
            tenantId: CONTOSO,
            companyName: "Contoso",
            domain: "contoso.onmicrosoft.com",
            subscriptions: [
              {
                id: "5b000000-0000-4000-8000-000000000001",
                offerId: BUSINESS_BASIC,
                quantity: 10,
                termDuration: "P1Y",
                billingCycle: "monthly",
              },
            ],
            users: Array.from({ length: contosoUsers }, (_, i) => ({
              id: `e0000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
              userPrincipalName: `user${i + 1}@contoso.onmicrosoft.com`,
              displayName: `User ${i + 1}`,
              usageLocation: i === 0 ? undefined : "US",
              assignedLicenses: i === 1 ? ["O365_BUSINESS_ESSENTIALS"] : [],
            })),
          },
          { tenantId: FABRIKAM, companyName: "Fabrikam", domain: "fabrikam.onmicrosoft.com" },
        ],
      },
      {
        tenantId: PARTNER_B,
        name: "Partner B",
        applications: [
          { clientId: "b1111111-0000-4000-8000-000000000001", clientSecrets: ["secret-of-b"], certificates: [] },
        ],
        users: [
          {
            objectId: "b2222222-0000-4000-8000-000000000001",
            userPrincipalName: "admin@partnerb.onmicrosoft.com",
            refreshTokens: ["refresh-of-b"],
          },
        ],
      },
    ],
    tenants: [
      {
        tenantId: NORTHWIND,
        companyName: "Northwind",
        domain: "northwind.onmicrosoft.com",
        subscribedSkus: [{ skuPartNumber: "SPB", enabledUnits: 5 }],
        users: [{ userPrincipalName: "ann@northwind.onmicrosoft.com", displayName: "Ann", usageLocation: "GB" }],
      },
    ],
  };
}
