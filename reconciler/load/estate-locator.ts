// locate(address, fieldPath?) for a loaded estate. The nodes behind the addresses of one customer
// (subscriptions, add-ons, users, licences, consents) are looked up when that customer is first asked about:
// a table of every address of a large estate, built at load, cost a second and tens of MiB that
// most runs never use.
import type { SourceSpan } from "../model/diagnostic.js";
import {
  customerAddress,
  customerOf,
  licenseAddressUnder,
  subscriptionAddress,
  userAddress,
} from "../model/address.js";
import type { CustomerSpec, Subscription } from "../model/estate.generated.js";
import { parseFieldPath, type SourceIndex } from "./source-index.js";

export interface LocatorInput {
  /** Merged customer specs by customer name. */
  customers: ReadonlyMap<string, CustomerSpec>;
  /** Profile specs by profile address. */
  profiles: ReadonlyMap<string, object>;
  index: SourceIndex;
}

export type Locate = (address: string, fieldPath?: string) => SourceSpan | undefined;

export function estateLocator(input: LocatorInput): Locate {
  const { customers, profiles, index } = input;
  const tables = new Map<string, Map<string, object>>();
  const nodeOf = (address: string): object | undefined => {
    const profile = profiles.get(address);
    if (profile !== undefined) return profile;
    const name = customerOf(address);
    if (name === null) return undefined;
    const spec = customers.get(name);
    if (spec === undefined) return undefined;
    let table = tables.get(name);
    if (table === undefined) {
      table = addressTable(name, spec);
      tables.set(name, table);
    }
    return table.get(address);
  };
  return (address, fieldPath) => {
    const node = nodeOf(address);
    if (node === undefined) return undefined;
    if (fieldPath === undefined || fieldPath === "") return index.ownSpan(node);
    const path = parseFieldPath(fieldPath);
    return path === undefined ? undefined : index.locatePath(node, path);
  };
}

/** Every address of one customer and its node, in declaration order (a repeated address: the last wins). */
function addressTable(name: string, spec: CustomerSpec): Map<string, object> {
  const table = new Map<string, object>([[customerAddress(name), spec]]);
  const addSubscription = (subscription: Subscription): void => {
    table.set(subscriptionAddress(name, subscription.name), subscription);
    for (const addon of subscription.addons ?? []) addSubscription(addon as Subscription);
  };
  for (const subscription of spec.subscriptions ?? []) addSubscription(subscription);
  for (const user of spec.users ?? []) {
    const address = userAddress(name, user.userPrincipalName);
    table.set(address, user);
    for (const license of user.licenses ?? []) table.set(licenseAddressUnder(address, license), license);
  }
  for (const consent of spec.access?.consents ?? [])
    table.set(`${customerAddress(name)}/consent:${consent.applicationId.toLowerCase()}`, consent);
  return table;
}
