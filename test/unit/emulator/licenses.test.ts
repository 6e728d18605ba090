import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { EmulatorHttpError } from "../../../emulator/errors.js";
import { applyLicenseChange, licenseInventory } from "../../../emulator/rules/licenses.js";
import type { DirectoryUserRecord } from "../../../emulator/store/state.js";
import { stateWith, subscription, TENANT } from "./records.js";

const BASIC = "3b555118-da6a-4418-894f-7df1e2096870";

function user(id: string, usageLocation: string | undefined, skus: string[] = []): DirectoryUserRecord {
  return {
    id,
    userPrincipalName: `${id}@contoso.onmicrosoft.com`,
    displayName: id,
    ...(usageLocation === undefined ? {} : { usageLocation }),
    accountEnabled: true,
    state: "active",
    assignedLicenses: skus.map((skuId) => ({ skuId, disabledPlans: [] })),
    createdAt: "2026-01-01T00:00:00Z",
  };
}

describe("licence inventory (R-LIC-3, multi-channel)", () => {
  it("joins subscriptions through the provisioning id, adds other channels, counts consumed units", () => {
    const active = subscription({ quantity: 2 });
    const expired = subscription({ quantity: 3 });
    expired.status = "expired";
    const state = stateWith(active, expired);
    state.tenants[TENANT]!.otherChannelSkus.push({
      skuId: BASIC,
      skuPartNumber: "O365_BUSINESS_ESSENTIALS",
      enabledUnits: 1,
      suspendedUnits: 4,
      warningUnits: 0,
    });
    state.tenants[TENANT]!.users["a"] = user("a", "US", [BASIC]);
    const [row] = licenseInventory(state, catalog, TENANT);
    expect(row).toMatchObject({
      skuId: BASIC,
      skuPartNumber: "O365_BUSINESS_ESSENTIALS",
      enabled: 3,
      suspended: 4,
      warning: 3,
      consumed: 1,
    });
    expect(row!.subscriptionIds).toEqual([active.id, expired.id]);
  });
});

describe("licence assignment (R-LIC-1, R-LIC-2, R-LIC-4)", () => {
  const state = stateWith(subscription({ quantity: 1 }));
  state.tenants[TENANT]!.users["a"] = user("a", "US", [BASIC]);
  const inventory = licenseInventory(state, catalog, TENANT);

  it("refuses a user without usage location", () => {
    expect(() =>
      applyLicenseChange(
        inventory,
        user("b", undefined),
        { add: [{ skuId: BASIC, disabledPlans: [] }], remove: [] },
        TENANT,
      ),
    ).toThrowError(EmulatorHttpError);
  });
  it("refuses beyond the enabled units with 60012 naming tenant and SKU", () => {
    try {
      applyLicenseChange(
        inventory,
        user("b", "US"),
        { add: [{ skuId: BASIC, disabledPlans: [] }], remove: [] },
        TENANT,
      );
      expect.unreachable();
    } catch (error) {
      expect((error as EmulatorHttpError).body).toMatchObject({
        code: 60012,
        data: [
          `LicenseQuotaExceededException : Subscription with Account ${TENANT} and SKU ${BASIC} does not have any available licenses left.`,
        ],
      });
    }
  });
  it("re-assigning a held licence (plan changes) needs no extra unit, and removal frees it", () => {
    const plan = "9aaf7827-d63c-4b61-89c3-182f06f82e5c";
    expect(
      applyLicenseChange(
        inventory,
        user("a", "US", [BASIC]),
        { add: [{ skuId: BASIC, disabledPlans: [plan] }], remove: [] },
        TENANT,
      ),
    ).toEqual([{ skuId: BASIC, disabledPlans: [plan] }]);
    expect(applyLicenseChange(inventory, user("a", "US", [BASIC]), { add: [], remove: [BASIC] }, TENANT)).toEqual([]);
  });
  it("refuses a SKU the tenant has no subscription for", () => {
    expect(() =>
      applyLicenseChange(
        inventory,
        user("b", "US"),
        { add: [{ skuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", disabledPlans: [] }], remove: [] },
        TENANT,
      ),
    ).toThrowError(EmulatorHttpError);
  });
});
