// Application consent of the partner's multi-tenant app in a customer tenant (Partner Center docs:
// CPV application consent). App+user only, with a token of that same application; Partner Center
// answers 201 for a new consent and 200 for an unchanged one. There is no list or get: what was
// granted can only be remembered by the caller.
import { segment, type ServiceCaller } from "../service.js";
import type * as Wire from "../wire/application-consent.js";

/** MS Graph's application id, the default resource of a consent's scopes. */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export interface ApplicationConsentRequest {
  applicationId: string;
  displayName?: string;
  /** Delegated permissions per resource application id. */
  grants: { resource: string; scopes: readonly string[] }[];
}

const user = { auth: "user" } as const;

export function applicationConsentsFacade(caller: ServiceCaller) {
  const base = (customerId: string) => `/customers/${segment(customerId)}/applicationconsents`;
  return {
    /** Grants (or re-grants, unchanged) the consent; true when Partner Center created it (201). */
    async create(customerId: string, consent: ApplicationConsentRequest): Promise<{ created: boolean }> {
      const body: Wire.ApplicationConsent = {
        applicationId: consent.applicationId,
        ...(consent.displayName === undefined ? {} : { displayName: consent.displayName }),
        applicationGrants: consent.grants.map((g) => ({
          enterpriseApplicationId: g.resource,
          scope: g.scopes.join(","),
        })),
      };
      const response = await caller.partnerCenter("applicationConsents.create", "POST", base(customerId), {
        ...user,
        body,
      });
      return { created: response.status === 201 };
    },

    async remove(customerId: string, applicationId: string): Promise<void> {
      await caller.partnerCenter(
        "applicationConsents.delete",
        "DELETE",
        `${base(customerId)}/${segment(applicationId)}`,
        { ...user, idempotent: true },
      );
    },
  };
}
