// Licence inventory and assignment (NCE-RULES R-LIC-1, R-LIC-2, R-LIC-3, R-LIC-4). Pure over the state: the inventory of a
// tenant joins every partner's subscriptions (through the SKU's provisioning id, Partner Center docs: product-resources) with
// licences bought through other channels (multi-channel), and counts assignments as consumed units.
import type { Catalog, ServicePlanInfo } from "../../core/catalog.js";
import * as errors from "../errors.js";
import { subscriptionsByCustomer } from "../store/record-index.js";
import type { DirectoryUserRecord, EmulatorState } from "../store/state.js";

export interface LicenceInventoryRow {
  skuId: string;
  skuPartNumber: string;
  productName: string;
  servicePlans: ServicePlanInfo[];
  /** Seats users may hold: active subscriptions and other-channel enabled units. */
  enabled: number;
  /** Suspended or disabled subscriptions' seats. */
  suspended: number;
  /** Expired subscriptions' seats: users keep access for 30 days (R-SUS-5). */
  warning: number;
  consumed: number;
  subscriptionIds: string[];
}

export function licenceInventory(state: EmulatorState, catalog: Catalog, tenantId: string): LicenceInventoryRow[] {
  const rows = new Map<string, LicenceInventoryRow>();
  const row = (skuId: string, skuPartNumber?: string): LicenceInventoryRow | undefined => {
    const existing = rows.get(skuId);
    if (existing !== undefined) return existing;
    const known = Object.values(catalog.licenseSkus).find((sku) => sku.skuId === skuId);
    if (known === undefined && skuPartNumber === undefined) return undefined;
    const created: LicenceInventoryRow = {
      skuId,
      skuPartNumber: known?.skuPartNumber ?? skuPartNumber!,
      productName: known?.productName ?? skuPartNumber!,
      servicePlans: known?.servicePlans ?? [],
      enabled: 0,
      suspended: 0,
      warning: 0,
      consumed: 0,
      subscriptionIds: [],
    };
    rows.set(skuId, created);
    return created;
  };
  for (const partner of Object.values(state.partners)) {
    for (const subscription of subscriptionsByCustomer.select(partner.subscriptions, tenantId)) {
      const offerKey = `${subscription.productId}:${subscription.skuId}`;
      const offer = Object.hasOwn(catalog.offers, offerKey) ? catalog.offers[offerKey] : undefined;
      if (offer?.licenseSkuId == null) continue;
      const target = row(offer.licenseSkuId);
      if (target === undefined) continue;
      if (subscription.status === "active") target.enabled += subscription.quantity;
      else if (subscription.status === "suspended" || subscription.status === "disabled")
        target.suspended += subscription.quantity;
      else if (subscription.status === "expired") target.warning += subscription.quantity;
      else continue;
      target.subscriptionIds.push(subscription.id);
    }
  }
  const tenant = Object.hasOwn(state.tenants, tenantId) ? state.tenants[tenantId] : undefined;
  for (const sku of tenant?.otherChannelSkus ?? []) {
    const target = row(sku.skuId, sku.skuPartNumber)!;
    target.enabled += sku.enabledUnits;
    target.suspended += sku.suspendedUnits;
    target.warning += sku.warningUnits;
  }
  for (const user of Object.values(tenant?.users ?? {})) {
    if (user.state !== "active") continue;
    for (const licence of user.assignedLicenses) {
      const target = row(licence.skuId);
      if (target !== undefined) target.consumed += 1;
    }
  }
  return [...rows.values()];
}

export interface AssignmentChange {
  add: { skuId: string; disabledPlans: string[] }[];
  remove: string[];
}

/**
 * Checks and applies a licence change to one user; returns the user's new assignments.
 * R-LIC-1: a usage location first. R-LIC-2: no more assignments than enabled units. R-LIC-4: plans
 * may be disabled per assignment. `tenantId` only names the tenant in the 60012 error.
 */
export function applyLicenceChange(
  inventory: LicenceInventoryRow[],
  user: DirectoryUserRecord,
  change: AssignmentChange,
  tenantId: string,
): DirectoryUserRecord["assignedLicenses"] {
  const bySku = new Map(inventory.map((row) => [row.skuId, row]));
  for (const skuId of change.remove) {
    if (!user.assignedLicenses.some((licence) => licence.skuId === skuId))
      throw errors.invalidInput(`The user has no licence for the SKU ${skuId} to remove.`);
  }
  if (change.add.length > 0 && (user.usageLocation === undefined || !/^[A-Z]{2}$/.test(user.usageLocation)))
    throw errors.invalidUsageLocation();
  let result = user.assignedLicenses.filter((licence) => !change.remove.includes(licence.skuId));
  for (const add of change.add) {
    const row = bySku.get(add.skuId);
    if (row === undefined || row.enabled + row.suspended + row.warning === 0) throw errors.unknownLicenseSku(add.skuId);
    const already = result.some((licence) => licence.skuId === add.skuId);
    const freed = change.remove.includes(add.skuId) ? 1 : 0;
    if (!already && row.consumed - freed + 1 > row.enabled) throw errors.licenseQuotaExceeded(tenantId, add.skuId);
    const unknownPlan = add.disabledPlans.find(
      (plan) => !row.servicePlans.some((servicePlan) => servicePlan.id === plan),
    );
    if (unknownPlan !== undefined && row.servicePlans.length > 0)
      throw errors.invalidInput(`The service plan ${unknownPlan} is not part of the SKU ${add.skuId}.`);
    result = result
      .filter((licence) => licence.skuId !== add.skuId)
      .concat({ skuId: add.skuId, disabledPlans: [...add.disabledPlans] });
  }
  return result;
}
