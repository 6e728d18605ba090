// The emulator seed that puts a loaded estate in place in one request: customers with their
// subscriptions (add-ons linked to their base), users with their licences and disabled plans, and
// the linked tenants' SKUs from other channels. Setting a large estate up through apply costs the
// emulator a scan of its whole state after every write (its due-work scan); one seed plus an apply
// of what the seed cannot say (billing contact names) gets the bench to the same state in seconds.
import { randomUUID } from "node:crypto";
import { catalog } from "../../core/catalog.js";
import type { DesiredCustomer, DesiredEstate } from "../../reconciler/model/desired-estate.js";
import type { LinkedTenant } from "../estate/generate-estate.js";
import { MULTI_CHANNEL_SKU } from "../estate/generate-estate.js";

/** Seed bodies of at most `perSeed` customers each (the control API takes bodies up to 4 MiB). */
export function seedFromDesired(
  estate: DesiredEstate,
  partnerTenantId: string,
  linked: readonly LinkedTenant[],
  perSeed = 100,
): unknown[] {
  const linkedByDomain = new Map(linked.map((t) => [t.domain.toLowerCase(), t]));
  const bodies: unknown[] = [];
  for (let i = 0; i < estate.customers.length; i += perSeed) {
    const customers = estate.customers
      .slice(i, i + perSeed)
      .map((c) => seedCustomer(c, linkedByDomain.get(c.company.domain.toLowerCase())));
    bodies.push({ partners: [{ tenantId: partnerTenantId, customers }] });
  }
  return bodies;
}

function seedCustomer(c: DesiredCustomer, linked: LinkedTenant | undefined): unknown {
  const ids = new Map(c.subscriptions.map((s) => [s.name, randomUUID()]));
  return {
    domain: c.company.domain,
    companyName: c.company.name,
    country: c.company.country,
    ...(c.billing
      ? { billingProfile: { email: c.billing.email, culture: c.company.culture, language: c.company.language } }
      : {}),
    ...(linked
      ? { subscribedSkus: [{ skuPartNumber: MULTI_CHANNEL_SKU, enabledUnits: linked.otherChannelUnits }] }
      : {}),
    subscriptions: c.subscriptions.map((s) => ({
      id: ids.get(s.name),
      offerId: s.offer,
      quantity: s.quantity,
      termDuration: s.term,
      billingCycle: s.billing,
      autoRenewEnabled: s.autoRenew,
      ...(s.friendlyName ? { friendlyName: s.friendlyName } : {}),
      ...(s.addonOf ? { parentSubscriptionId: ids.get(s.addonOf) } : {}),
    })),
    users: c.users.map((u) => ({
      userPrincipalName: u.userPrincipalName,
      firstName: u.firstName,
      lastName: u.lastName,
      displayName: u.displayName,
      ...(u.usageLocation ? { usageLocation: u.usageLocation } : {}),
      accountEnabled: u.enabled,
      assignedLicenses: u.licenses.map((l) => {
        const partNumber =
          l.sku ?? catalog.offers[c.subscriptions.find((s) => s.name === l.subscription)!.offer]!.skuPartNumber!;
        const sku = catalog.licenseSkus[partNumber]!;
        return {
          skuId: sku.skuId,
          disabledPlans: l.disabledPlans.map((name) => sku.servicePlans.find((p) => p.name === name)!.id),
        };
      }),
    })),
  };
}
