// A loaded DesiredEstate back into resource inputs (the schema's shapes, defaults written out), so
// each resource re-validates exactly what the YAML estate said, profiles already merged.
import type {
  DesiredCustomer,
  DesiredLicense,
  DesiredSubscription,
  DesiredUser,
} from "../reconciler/model/desired-estate.js";
import type { CustomerInputs, SubscriptionSpec, UserSpec } from "../reconciler/pulumi/resource-inputs.js";
import type { License } from "../reconciler/model/estate.generated.js";

export function customerInputs(customer: DesiredCustomer): CustomerInputs {
  return plain({
    name: customer.name,
    ...(Object.keys(customer.labels).length ? { labels: customer.labels } : {}),
    company: customer.company,
    tenant: customer.tenant,
    resellerOfRecord: customer.resellerOfRecord,
    billing: customer.billing,
    contacts: customer.contacts,
    ...(customer.salesReps.length ? { salesReps: customer.salesReps } : {}),
    policy: {
      prune: customer.policy.prune,
      protect: customer.policy.protect,
      mode: customer.policy.mode,
      ...(customer.policy.ignore.length ? { ignore: customer.policy.ignore } : {}),
    },
  });
}

export function subscriptionSpec(subscription: DesiredSubscription): SubscriptionSpec {
  return plain({
    name: subscription.name,
    offer: subscription.offer,
    term: subscription.term,
    billing: subscription.billing,
    quantity: subscription.quantity,
    autoRenew: subscription.autoRenew,
    state: subscription.state,
    friendlyName: subscription.friendlyName,
    poNumber: subscription.poNumber,
    renewal: subscription.renewal,
    trial: subscription.trial,
  });
}

export function userSpec(user: DesiredUser): UserSpec {
  return plain({
    userPrincipalName: user.userPrincipalName,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName,
    usageLocation: user.usageLocation,
    enabled: user.enabled,
    // A password read from the environment stays a reference: the provider process reads the variable.
    password: user.password.source === "generate" ? "generate" : `\${env:${user.password.variable}}`,
  });
}

export function licenseSpec(license: DesiredLicense): License {
  return plain({
    subscription: license.subscription,
    sku: license.sku,
    ...(license.disabledPlans.length ? { disabledPlans: license.disabledPlans } : {}),
  });
}

/** JSON round trip: drops undefined keys and the loader's non-enumerable extras. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
