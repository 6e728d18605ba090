// Directory users → Partner Center CustomerUser, License and SubscribedSku shapes.
import type { ServicePlanInfo } from "../../core/catalog.js";
import type { License, ServicePlan, SubscribedSku } from "../wire/licensing.js";
import type { CustomerUser } from "../wire/user.js";
import type { LicenseInventoryRow } from "../rules/licenses.js";
import { wireTimestamp } from "../rules/terms.js";
import type { AssignedLicenseRecord, DirectoryUserRecord } from "../store/state.js";
import { selfLinks } from "./shared.js";

export function customerUserView(customerId: string, user: DirectoryUserRecord): CustomerUser {
  return {
    ...(user.usageLocation === undefined ? {} : { usageLocation: user.usageLocation }),
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    ...(user.firstName === undefined ? {} : { firstName: user.firstName }),
    ...(user.lastName === undefined ? {} : { lastName: user.lastName }),
    displayName: user.displayName,
    ...(user.immutableId === undefined ? {} : { immutableId: user.immutableId }),
    userDomainType: "none",
    state: user.state,
    ...(user.softDeletionTime === undefined ? {} : { softDeletionTime: wireTimestamp(user.softDeletionTime) }),
    links: selfLinks(`/customers/${customerId}/users/${user.id}`),
    attributes: { objectType: "CustomerUser" },
  };
}

export function subscribedSkuView(row: LicenseInventoryRow): SubscribedSku {
  const total = row.enabled + row.warning;
  return {
    availableUnits: Math.max(0, total - row.consumed),
    activeUnits: row.enabled,
    consumedUnits: row.consumed,
    suspendedUnits: row.suspended,
    totalUnits: total,
    warningUnits: row.warning,
    productSku: {
      id: row.skuId,
      name: row.productName,
      skuPartNumber: row.skuPartNumber,
      targetType: "User",
      licenseGroupId: "group1",
    },
    servicePlans: row.servicePlans.map((plan) => servicePlanView(plan, "Enabled")),
    capabilityStatus: row.enabled + row.warning > 0 ? "Enabled" : "Suspended",
    attributes: { objectType: "SubscribedSku" },
  };
}

export function licenseView(license: AssignedLicenseRecord, row: LicenseInventoryRow | undefined): License {
  const plans = (row?.servicePlans ?? []).filter((plan) => !license.disabledPlans.includes(plan.id));
  return {
    servicePlans: plans.map((plan) => servicePlanView(plan, "Assigned")),
    productSku: {
      id: license.skuId,
      name: row?.productName ?? license.skuId,
      skuPartNumber: row?.skuPartNumber ?? "",
      licenseGroupId: "group1",
    },
    attributes: { objectType: "License" },
  };
}

/** `displayName` is the plan's friendly name, `serviceName` its string id; tenant-wide plans target the `Tenant`. */
function servicePlanView(plan: ServicePlanInfo, capabilityStatus: string): ServicePlan {
  return {
    displayName: plan.displayName,
    serviceName: plan.name,
    id: plan.id,
    capabilityStatus,
    targetType: plan.appliesTo === "Company" ? "Tenant" : "User",
  };
}
