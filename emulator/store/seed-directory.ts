// Seeds a tenant's directory: users (with licences) and SKUs bought through other channels.
import { randomUUID } from "node:crypto";
import type { Catalog } from "../../core/catalog.js";
import { invalidSeed } from "../errors.js";
import {
  arrayAt,
  isObject,
  objectAt,
  optionalBoolean,
  optionalNumber,
  optionalString,
  stringAt,
  stringList,
  type Json,
} from "./seed-input.js";
import type { AssignedLicenseRecord, DirectoryUserRecord, OtherChannelSkuRecord } from "./state.js";

export function seedDirectoryUser(
  input: Json,
  where: string,
  context: { catalog: Catalog; now: Date },
): DirectoryUserRecord {
  const userPrincipalName = stringAt(input, "userPrincipalName", where);
  const firstName = optionalString(input, "firstName", where);
  const lastName = optionalString(input, "lastName", where);
  const usageLocation = optionalString(input, "usageLocation", where);
  const immutableId = optionalString(input, "immutableId", where);
  return {
    id: (optionalString(input, "id", where) ?? optionalString(input, "objectId", where) ?? randomUUID()).toLowerCase(),
    userPrincipalName,
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    displayName:
      optionalString(input, "displayName", where) ??
      ([firstName, lastName].filter(Boolean).join(" ") || userPrincipalName),
    ...(usageLocation === undefined ? {} : { usageLocation }),
    ...(immutableId === undefined ? {} : { immutableId }),
    accountEnabled: optionalBoolean(input, "accountEnabled", where) ?? true,
    state: "active",
    assignedLicenses: arrayAt(input["assignedLicenses"], `${where}.assignedLicenses`).map((item, index) =>
      assignedLicense(item, `${where}.assignedLicenses[${index}]`, context.catalog),
    ),
    createdAt: context.now.toISOString(),
  };
}

/** A licence given as a Graph skuId GUID, a skuPartNumber, or `{skuId, disabledPlans}`. */
function assignedLicense(item: unknown, where: string, catalog: Catalog): AssignedLicenseRecord {
  if (typeof item === "string") return { skuId: licenseSkuId(item, where, catalog), disabledPlans: [] };
  const object = objectAt(item, where);
  return {
    skuId: licenseSkuId(stringAt(object, "skuId", where), where, catalog),
    disabledPlans: stringList(object["disabledPlans"], `${where}.disabledPlans`),
  };
}

function licenseSkuId(value: string, where: string, catalog: Catalog): string {
  const byPartNumber = Object.hasOwn(catalog.licenseSkus, value) ? catalog.licenseSkus[value] : undefined;
  if (byPartNumber !== undefined) return byPartNumber.skuId;
  if (/^[0-9a-f-]{36}$/i.test(value)) return value.toLowerCase();
  throw invalidSeed(`${where}: ${value} is neither a licence skuId GUID nor a known skuPartNumber`);
}

export function seedOtherChannelSku(input: Json, where: string, catalog: Catalog): OtherChannelSkuRecord {
  const partNumber = optionalString(input, "skuPartNumber", where);
  const skuIdInput = optionalString(input, "skuId", where);
  const known = Object.values(catalog.licenseSkus).find(
    (sku) => sku.skuPartNumber === partNumber || sku.skuId === skuIdInput?.toLowerCase(),
  );
  if (known === undefined && (skuIdInput === undefined || partNumber === undefined)) {
    throw invalidSeed(
      `${where} must name a catalog licence SKU (skuPartNumber or skuId), or give both for an unknown one`,
    );
  }
  const prepaid = isObject(input["prepaidUnits"]) ? input["prepaidUnits"] : undefined;
  return {
    skuId: known?.skuId ?? skuIdInput!.toLowerCase(),
    skuPartNumber: known?.skuPartNumber ?? partNumber!,
    enabledUnits:
      optionalNumber(input, "enabledUnits", where) ??
      (prepaid === undefined ? undefined : optionalNumber(prepaid, "enabled", `${where}.prepaidUnits`)) ??
      0,
    suspendedUnits: optionalNumber(input, "suspendedUnits", where) ?? 0,
    warningUnits: optionalNumber(input, "warningUnits", where) ?? 0,
  };
}
