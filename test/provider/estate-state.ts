// What Partner Center holds for an estate, read through the client and normalised (no ids, no
// timestamps, stable order), so two emulators can be compared object by object.
import type { CspClient } from "../../client/index.js";
import type { DesiredEstate } from "../../reconciler/model/desired-estate.js";
import { readActual } from "../../reconciler/read/read-actual.js";

export async function normalisedEstate(client: CspClient, estate: DesiredEstate): Promise<unknown> {
  const actual = await readActual(client, estate.customers);
  return actual.customers.map((customer) => {
    const offerOf = new Map((customer.subscriptions ?? []).map((s) => [s.id, s.offerId]));
    return {
      domain: customer.domain,
      companyName: customer.companyName,
      billing: customer.billing,
      qualifications: [...customer.qualifications].sort(),
      subscriptions: (customer.subscriptions ?? [])
        .map((s) => ({
          offerId: s.offerId,
          quantity: s.quantity,
          term: s.term,
          billing: s.billing,
          autoRenew: s.autoRenew,
          status: s.status,
          friendlyName: s.friendlyName,
          isTrial: s.isTrial,
          parentOffer: s.parentSubscriptionId ? (offerOf.get(s.parentSubscriptionId) ?? "?") : null,
          scheduledNextTerm: s.scheduledNextTerm,
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      subscribedSkus: (customer.subscribedSkus ?? [])
        .map((s) => ({ ...s }))
        .sort((a, b) => a.skuPartNumber.localeCompare(b.skuPartNumber)),
      users: (customer.users ?? [])
        .map((u) => ({
          userPrincipalName: u.userPrincipalName,
          displayName: u.displayName,
          firstName: u.firstName,
          lastName: u.lastName,
          usageLocation: u.usageLocation,
          enabled: u.enabled,
          licenses: u.licenses
            .map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans].sort() }))
            .sort((a, b) => a.skuId.localeCompare(b.skuId)),
        }))
        .sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName)),
    };
  });
}
