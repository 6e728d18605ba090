// Licence inventory and assignment on Partner Center (Partner Center docs: license-resources, assign-licenses-to-a-user), field names verbatim. Types only.
import type { ResourceAttributes } from "./common.js";

export interface ProductSku {
  id: string;
  name: string;
  skuPartNumber: string;
  targetType?: string;
  licenseGroupId: string;
}

export interface ServicePlan {
  displayName: string;
  serviceName: string;
  id: string;
  capabilityStatus: string;
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

export interface LicenseAssignment {
  skuId: string;
  excludedPlans?: string[] | null;
}

export interface LicenseWarning {
  code: string;
  message: string;
  servicePlans: string[];
}

export interface LicenseUpdate {
  licensesToAssign?: LicenseAssignment[] | null;
  licensesToRemove?: string[] | null;
  licenseWarnings?: LicenseWarning[] | null;
  attributes?: ResourceAttributes;
}
