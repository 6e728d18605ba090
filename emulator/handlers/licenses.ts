// Licence inventory and assignment on Partner Center (Partner Center docs: get-a-list-of-available-licenses, assign-licenses-to-a-user): subscribedskus, a user's
// licences, licenseupdates. App+user only (the route table marks them `user`).
import type { LicenseUpdate } from "../wire/licensing.js";
import { invalidInput } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import { applyLicenseChange, licenseInventory } from "../rules/licenses.js";
import type { Store } from "../store/memory-store.js";
import { bodyObject, optionalArray, requiredString } from "./body.js";
import { collection, created, customerScope, ok } from "./shared.js";
import { findUser } from "./users.js";
import { licenseView, subscribedSkuView } from "./user-views.js";

export function listSubscribedSkus(store: Store): Handler {
  return (request, context) => {
    const { customer } = customerScope(store, request);
    const groups = request.query.getAll("licenseGroupIds").map((g) => g.toLowerCase());
    // Every licence here is Entra-managed (group1); Minecraft (group2) is not in the catalog.
    const rows =
      groups.length > 0 && !groups.includes("group1")
        ? []
        : licenseInventory(store.state, context.catalog, customer.id);
    return ok({
      totalCount: rows.length,
      items: rows.map(subscribedSkuView),
      attributes: { objectType: "Collection" },
    });
  };
}

export function listUserLicenses(store: Store): Handler {
  return (request, context) => {
    const { customer, user } = findUser(store, request);
    const inventory = licenseInventory(store.state, context.catalog, customer.id);
    const items = user.assignedLicenses.map((license) =>
      licenseView(
        license,
        inventory.find((row) => row.skuId === license.skuId),
      ),
    );
    const answer = collection(items);
    delete answer.links;
    return ok(answer);
  };
}

export function postLicenseUpdates(store: Store): Handler {
  return (request, context) => {
    const { customer, user } = findUser(store, request);
    const body = bodyObject(request.body);
    const add = optionalArray(body, "licensesToAssign").map((raw, index) => {
      const item = bodyObject(raw, `licensesToAssign[${index}]`);
      const excluded = optionalArray(item, "excludedPlans").map((plan) => String(plan).toLowerCase());
      return {
        skuId: requiredString(item, "skuId", `licensesToAssign[${index}].`).toLowerCase(),
        disabledPlans: excluded,
      };
    });
    const remove = optionalArray(body, "licensesToRemove").map((skuId) => String(skuId).toLowerCase());
    if (add.length === 0 && remove.length === 0)
      throw invalidInput("licensesToAssign or licensesToRemove is required.");
    const inventory = licenseInventory(store.state, context.catalog, customer.id);
    user.assignedLicenses = applyLicenseChange(inventory, user, { add, remove }, customer.id);
    const answer: LicenseUpdate = {
      licensesToAssign: add.map((a) => ({ skuId: a.skuId })),
      licenseWarnings: [],
      attributes: { objectType: "LicenseUpdate" },
    };
    return created(answer);
  };
}
