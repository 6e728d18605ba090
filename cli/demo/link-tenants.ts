// The tenants behind examples/estate's link-mode customers: existing Microsoft 365 tenants that
// are nobody's customer yet, as the emulator's seed describes them. Adatum bought Exchange Online
// (Plan 1) through another channel, which its user's multi-channel licence draws on.

export interface LinkTenantSeed {
  tenants: {
    tenantId: string;
    companyName: string;
    domain: string;
    subscribedSkus?: { skuPartNumber: string; enabledUnits: number }[];
  }[];
}

export function demoLinkTenants(): LinkTenantSeed {
  return {
    tenants: [
      {
        tenantId: "0b6f3c1e-5a4d-4e2b-9c8d-7e6f5a4b3c2d",
        companyName: "Adatum Corporation",
        domain: "adatum.onmicrosoft.com",
        subscribedSkus: [{ skuPartNumber: "EXCHANGESTANDARD", enabledUnits: 5 }],
      },
      {
        tenantId: "5f1b6c2e-8d3a-4c1f-9b7e-2a4d6e8f0a1c",
        companyName: "Fabrikam GmbH",
        domain: "fabrikam.onmicrosoft.com",
      },
    ],
  };
}
