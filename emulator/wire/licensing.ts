// Partner Center licence inventory and assignment (Partner Center docs: license-resources; samples subscribedskus.list,
// user.licenses.list, licenseupdates.*).
import type { ResourceAttributes } from "./common.js";

export interface ProductSku {
  /** The Graph licence skuId. */
  id: string;
  name: string;
  skuPartNumber: string;
  /** `User` or `Tenant`. */
  targetType?: string;
  licenseGroupId: string;
}

export interface ServicePlan {
  /** The plan's friendly name ("Exchange Foundation"). */
  displayName: string;
  /** The plan's string id ("EXCHANGE_S_FOUNDATION"). */
  serviceName: string;
  id: string;
  capabilityStatus: string;
  /** `User` for plans assigned to users, `Tenant` for tenant-wide ones. */
  targetType: string;
}

export interface SubscribedSku {
  availableUnits: number;
  activeUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
  totalUnits: number;
  warningUnits: number;
  productSku: ProductSku;
  servicePlans: ServicePlan[];
  capabilityStatus: string;
  attributes: ResourceAttributes;
}

export interface License {
  servicePlans: ServicePlan[];
  productSku: ProductSku;
  attributes: ResourceAttributes;
}

export interface LicenseUpdate {
  licensesToAssign: { skuId: string; excludedPlans?: string[] | null }[];
  licensesToRemove?: string[] | null;
  licenseWarnings: { code: string; message: string; servicePlans: string[] }[];
  attributes: ResourceAttributes;
}
