// Declares one Pulumi resource per object of a loaded estate, with parents and dependsOn in the
// planner's order: customer → subscriptions (add-ons under their base) → users → licences (after
// the subscription they draw from).
import * as pulumi from "@pulumi/pulumi";
import type { SensitiveValues } from "../core/sensitive-values.js";
import type { DesiredEstate } from "../reconciler/model/desired-estate.js";
import { Customer } from "./customer.js";
import { customerInputs, licenseSpec, subscriptionSpec, userSpec } from "./estate-inputs.js";
import { LicenseAssignment } from "./license-assignment.js";
import { Subscription } from "./subscription.js";
import { User } from "./user.js";

export interface DeclaredEstate {
  customers: Map<string, Customer>;
  /** By address (`customer:contoso/subscription:m365-e3`). */
  subscriptions: Map<string, Subscription>;
  users: Map<string, User>;
  licenses: Map<string, LicenseAssignment>;
}

export function declareEstate(estate: DesiredEstate, opts: pulumi.CustomResourceOptions = {}): DeclaredEstate {
  const declared: DeclaredEstate = {
    customers: new Map(),
    subscriptions: new Map(),
    users: new Map(),
    licenses: new Map(),
  };
  const secret = secretWhereSensitive(estate.sensitive);
  for (const desired of estate.customers) {
    const customer = customerInputs(desired);
    const owner = new Customer(desired.name, secret(customer), opts);
    declared.customers.set(desired.address, owner);
    const bySubscription = new Map<string, Subscription>();
    for (const sub of desired.subscriptions) {
      const base = sub.addonOf === undefined ? undefined : desired.subscriptions.find((s) => s.name === sub.addonOf);
      const parent = base === undefined ? owner : bySubscription.get(base.name)!;
      const resource = new Subscription(
        `${desired.name}/${sub.name}`,
        secret({ customer, subscription: subscriptionSpec(sub), ...(base ? { base: subscriptionSpec(base) } : {}) }),
        { ...opts, parent },
      );
      bySubscription.set(sub.name, resource);
      declared.subscriptions.set(sub.address, resource);
    }
    for (const desiredUser of desired.users) {
      const user = userSpec(desiredUser);
      const userResource = new User(`${desired.name}/${desiredUser.userPrincipalName}`, secret({ customer, user }), {
        ...opts,
        parent: owner,
      });
      declared.users.set(desiredUser.address, userResource);
      for (const license of desiredUser.licenses) {
        const sub =
          license.subscription === undefined
            ? undefined
            : desired.subscriptions.find((s) => s.name === license.subscription);
        const base = sub?.addonOf === undefined ? undefined : desired.subscriptions.find((s) => s.name === sub.addonOf);
        const resource = new LicenseAssignment(
          `${desired.name}/${desiredUser.userPrincipalName}/${license.subscription ?? `sku:${license.sku}`}`,
          secret({
            customer,
            user,
            license: licenseSpec(license),
            ...(sub ? { subscription: subscriptionSpec(sub) } : {}),
            ...(base ? { base: subscriptionSpec(base) } : {}),
          }),
          { ...opts, parent: userResource, dependsOn: sub ? [bySubscription.get(sub.name)!] : [] },
        );
        declared.licenses.set(license.address, resource);
      }
    }
  }
  return declared;
}

/**
 * Resource arguments whose top-level inputs hold a value the estate read from `${env:}` become
 * Pulumi secrets: encrypted in state, shown as [secret], and the outputs of the same name are secret too.
 */
function secretWhereSensitive(sensitive: SensitiveValues | undefined): <T extends object>(args: T) => T {
  return (args) => {
    if (sensitive === undefined || sensitive.size === 0) return args;
    const holds = (value: unknown): boolean =>
      value !== undefined && sensitive.mask(JSON.stringify(value)) !== JSON.stringify(value);
    return Object.fromEntries(
      Object.entries(args).map(([key, value]) => [key, holds(value) ? pulumi.secret(value) : value]),
    ) as typeof args;
  };
}
