// Partner Center licence inventory (subscribedskus), user licences and licenseupdates: wire ↔ domain.
import type { LicenseChange, LicenseChangeResult, ServicePlan, SubscribedSku, UserLicense } from "../types.js";
import { arr, defined, num, obj, optArr, optStr, record, str } from "../wire-read.js";
import type * as Wire from "./licensing.js";

function servicePlanFromWire(wire: unknown): ServicePlan {
  const context = "servicePlans[]";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    name: str(source, "serviceName", context),
    displayName: optStr(source, "displayName", context),
    status: optStr(source, "capabilityStatus", context),
  });
}

export function subscribedSkuFromWire(wire: Wire.SubscribedSku): SubscribedSku {
  const context = "subscribed sku";
  const source = record(wire, context);
  const sku = obj(source, "productSku", context);
  return defined({
    skuId: str(sku, "id", `${context}.productSku`),
    skuPartNumber: str(sku, "skuPartNumber", `${context}.productSku`),
    name: optStr(sku, "name", `${context}.productSku`),
    licenseGroupId: optStr(sku, "licenseGroupId", `${context}.productSku`),
    capabilityStatus: optStr(source, "capabilityStatus", context),
    availableUnits: num(source, "availableUnits", context),
    activeUnits: num(source, "activeUnits", context),
    consumedUnits: num(source, "consumedUnits", context),
    suspendedUnits: num(source, "suspendedUnits", context),
    totalUnits: num(source, "totalUnits", context),
    warningUnits: num(source, "warningUnits", context),
    servicePlans: arr(source, "servicePlans", context).map(servicePlanFromWire),
  });
}

export function userLicenseFromWire(wire: Wire.License): UserLicense {
  const context = "license";
  const source = record(wire, context);
  const sku = obj(source, "productSku", context);
  return defined({
    skuId: str(sku, "id", `${context}.productSku`),
    skuPartNumber: optStr(sku, "skuPartNumber", `${context}.productSku`),
    name: optStr(sku, "name", `${context}.productSku`),
    licenseGroupId: optStr(sku, "licenseGroupId", `${context}.productSku`),
    servicePlans: arr(source, "servicePlans", context).map(servicePlanFromWire),
  });
}

export function licenseChangeToWire(change: LicenseChange): Wire.LicenseUpdate {
  return {
    licensesToAssign: change.assign.map((item) => ({ skuId: item.skuId, excludedPlans: item.excludedPlans ?? null })),
    licensesToRemove: change.remove.length === 0 ? null : change.remove,
    attributes: { objectType: "LicenseUpdate" },
  };
}

export function licenseChangeResultFromWire(wire: Wire.LicenseUpdate): LicenseChangeResult {
  const context = "license update";
  const source = record(wire, context);
  return {
    assigned: (optArr(source, "licensesToAssign", context) ?? []).map((item) =>
      str(record(item, `${context}.licensesToAssign[]`), "skuId", context),
    ),
    warnings: (optArr(source, "licenseWarnings", context) ?? []).map((item) => {
      const warning = record(item, `${context}.licenseWarnings[]`);
      return { code: str(warning, "code", context), message: str(warning, "message", context) };
    }),
  };
}
