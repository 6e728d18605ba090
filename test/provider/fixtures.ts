// Resource inputs shared by the provider tests: one create-mode customer and its objects.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  CustomerInputs,
  LicenseAssignmentInputs,
  SubscriptionInputs,
  UserInputs,
} from "../../reconciler/pulumi/resource-inputs.js";

export function customerFixture(name: string, domain: string, protect = false): CustomerInputs {
  return {
    name,
    company: { name: `${name} Ltd`, domain, country: "US" },
    tenant: { mode: "create" },
    billing: {
      email: `ap@${name}.example`,
      firstName: "Ada",
      lastName: "Lovelace",
      address: { line1: "One Way", city: "Redmond", state: "WA", postalCode: "98052", country: "US" },
    },
    policy: { protect },
  };
}

export function subscriptionFixture(customer: CustomerInputs, quantity = 2): SubscriptionInputs {
  return {
    customer,
    subscription: { name: "bp", offer: "CFQ7TTC0LCHC:0002", term: "P1Y", billing: "monthly", quantity },
  };
}

export function userFixture(customer: CustomerInputs, upn: string): UserInputs {
  return {
    customer,
    user: { userPrincipalName: upn, firstName: "Alice", lastName: "Smith", usageLocation: "US", password: "generate" },
  };
}

export function licenseFixture(subscription: SubscriptionInputs, user: UserInputs): LicenseAssignmentInputs {
  return {
    customer: subscription.customer,
    user: user.user,
    license: { subscription: subscription.subscription.name },
    subscription: subscription.subscription,
  };
}

/** Namespaced stack config pointing the provider at an emulator, as `pulumi config set cspctl:…` would. */
export function stackConfigFor(env: Record<string, string | undefined>): Record<string, string> {
  return {
    "cspctl:tenantId": env.CSPCTL_TENANT_ID!,
    "cspctl:clientId": env.CSPCTL_CLIENT_ID!,
    "cspctl:clientSecret": env.CSPCTL_CLIENT_SECRET!,
    "cspctl:refreshToken": env.CSPCTL_REFRESH_TOKEN!,
    "cspctl:partnerCenterUrl": env.CSPCTL_PARTNER_CENTER_URL!,
    "cspctl:graphUrl": env.CSPCTL_GRAPH_URL!,
    "cspctl:authority": env.CSPCTL_AUTHORITY!,
    "cspctl:caFile": env.CSPCTL_CA_FILE!,
    "cspctl:pollIntervalMs": "50",
    "cspctl:requestsPerSecond": "1000",
    // the provider's local locks go to a temp folder, not the repository's .cspctl
    "cspctl:stateDir": mkdtempSync(join(tmpdir(), "cspctl-provider-state-")),
  };
}

export const SECRET_CONFIG_KEYS = ["cspctl:clientSecret", "cspctl:refreshToken"];
