// Partner Center application consent (Partner Center docs: CPV application consent,
// POST /v1/customers/{customerId}/applicationconsents). Field names verbatim.

export interface ApplicationGrant {
  /** The API the scope belongs to (Microsoft Graph: 00000003-0000-0000-c000-000000000000). */
  enterpriseApplicationId: string;
  /** Comma-separated delegated permissions, e.g. "User.Read.All,Reports.Read.All". */
  scope: string;
}

export interface ApplicationConsent {
  applicationId: string;
  displayName?: string;
  applicationGrants: ApplicationGrant[];
}
