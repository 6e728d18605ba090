// Microsoft Graph v1.0 shapes the emulator serves (user-list.md, subscribedsku-list.md,
// serviceplaninfo.md, the Graph errors page; samples graph.*.json).

export interface AssignedLicense {
  disabledPlans: string[];
  skuId: string;
}

/** A user with every property the emulator knows; answers pick from it with `$select` (a type, so it indexes as a record). */
export type GraphUser = {
  businessPhones: string[];
  displayName: string;
  givenName: string | null;
  jobTitle: string | null;
  mail: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  surname: string | null;
  userPrincipalName: string;
  id: string;
  accountEnabled: boolean;
  usageLocation: string | null;
  assignedLicenses: AssignedLicense[];
  createdDateTime: string;
  onPremisesImmutableId: string | null;
};

export interface ServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: string;
  /** `User`: assignable to users; `Company`: applies to the whole tenant. */
  appliesTo: string;
}

export interface SubscribedSku {
  accountName: string;
  accountId: string;
  appliesTo: string;
  capabilityStatus: string;
  consumedUnits: number;
  id: string;
  prepaidUnits: { enabled: number; lockedOut: number; suspended: number; warning: number };
  servicePlans: ServicePlanInfo[];
  skuId: string;
  skuPartNumber: string;
  subscriptionIds: string[];
}

/** Graph `domain` (List domains): a name registered in the tenant, verified or not. */
export interface Domain {
  id: string;
  authenticationType: string;
  availabilityStatus?: string | null;
  isAdminManaged: boolean;
  isDefault: boolean;
  isInitial: boolean;
  isRoot: boolean;
  isVerified?: boolean;
  supportedServices: string[];
}

/** Graph `servicePrincipal` (List servicePrincipals): an application's instance in a tenant. */
export interface ServicePrincipal {
  id: string;
  deletedDateTime: string | null;
  accountEnabled: boolean;
  appDisplayName: string | null;
  appId: string;
  appOwnerOrganizationId: string | null;
  appRoleAssignmentRequired: boolean;
  displayName: string;
  homepage: string | null;
  logoutUrl: string | null;
  publisherName: string | null;
  replyUrls: string[];
  servicePrincipalNames: string[];
  tags: string[];
  addIns: unknown[];
  appRoles: unknown[];
  info: {
    termsOfServiceUrl: string | null;
    supportUrl: string | null;
    privacyStatementUrl: string | null;
    marketingUrl: string | null;
    logoUrl: string | null;
  };
  keyCredentials: unknown[];
  oauth2PermissionScopes: unknown[];
  passwordCredentials: unknown[];
}

/** Graph `oAuth2PermissionGrant`: delegated permissions (space-separated `scope`) of a client on a resource. */
export interface OAuth2PermissionGrant {
  "@odata.id"?: string;
  id: string;
  clientId: string;
  consentType: "AllPrincipals" | "Principal";
  principalId: string | null;
  resourceId: string;
  scope: string;
}
