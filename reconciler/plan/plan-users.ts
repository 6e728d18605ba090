// User and licence steps for one customer: create-user, update-user, disable-user, assign,
// unassign, with licence capacity tracked so that no assignment is planned beyond the seats.
import { findLicenseSku } from "../../core/catalog.js";
import { licenseAddress } from "../model/address.js";
import type { DesiredLicense, DesiredUser } from "../model/desired-estate.js";
import type { ActualLicense, ActualUser } from "../read/actual-estate.js";
import type { CapacityLedger } from "./capacity.js";
import { pick } from "./records.js";
import type { CustomerContext } from "./customer-context.js";
import { matchUser } from "./match.js";
import type { PlanStep } from "./plan.js";
import type { SubscriptionPlan } from "./plan-subscriptions.js";
import { findOffer } from "../../core/catalog.js";

interface WantedLicense {
  declared: DesiredLicense;
  skuId: string;
  skuPartNumber: string;
  disabledPlanIds: string[];
}

const userFields = ["displayName", "firstName", "lastName", "usageLocation"] as const;

export function planUsers(ctx: CustomerContext, actualUsers: readonly ActualUser[], subscriptions: SubscriptionPlan | undefined, ledger: CapacityLedger, customerStep: PlanStep | undefined): void {
  const customerDeps = customerStep ? [customerStep.id] : [];
  const declared = new Set(ctx.desired.users.map((u) => u.userPrincipalName.toLowerCase()));
  const assignQueue: (() => void)[] = [];

  for (const want of ctx.desired.users) {
    const have = matchUser(want.userPrincipalName, actualUsers);
    const ignorePath = (field: string): string => `users[${want.userPrincipalName}].${field}`;
    let userStep: PlanStep | undefined;
    if (have === undefined) {
      userStep = ctx.addStep({
        address: want.address, action: "create-user", reason: "missing_in_partner_center", dependsOn: customerDeps,
        after: { userPrincipalName: want.userPrincipalName, firstName: want.firstName, lastName: want.lastName, displayName: want.displayName, usageLocation: want.usageLocation ?? null, enabled: want.enabled, password: want.password.source === "generate" ? "(generated)" : `(from \${env:${want.password.variable}})` },
      });
    } else {
      const before: Record<string, unknown> = { displayName: have.displayName, firstName: have.firstName, lastName: have.lastName, usageLocation: have.usageLocation, enabled: have.enabled };
      const after: Record<string, unknown> = { displayName: want.displayName, firstName: want.firstName, lastName: want.lastName, usageLocation: want.usageLocation ?? have.usageLocation, enabled: want.enabled };
      const fields = [...userFields, ...(want.enabled && !have.enabled ? (["enabled"] as const) : [])].filter((f) => before[f] !== after[f]);
      const changed = ctx.filterIgnored(want.address, fields, ignorePath, before, after);
      const target = { userId: have.id };
      if (changed.length > 0) {
        userStep = ctx.addStep({ address: want.address, action: "update-user", reason: changed.length === 1 ? `${changed[0]}_changed` : "fields_changed", target, before: pick(before, changed), after: pick(after, changed), changedFields: changed });
      }
      if (!want.enabled && have.enabled && ctx.filterIgnored(want.address, ["enabled"], ignorePath, before, after).length > 0) {
        ctx.addStep({ address: want.address, action: "disable-user", reason: "declared_disabled", target, before: { enabled: true }, after: { enabled: false }, changedFields: ["enabled"] });
      }
    }
    if (subscriptions === undefined) continue; // licences need the subscriptions read
    const wanted = want.licenses.map((l) => resolveLicense(ctx, want, l, subscriptions)).filter((l): l is WantedLicense => l !== undefined);
    const current = have?.licenses ?? [];
    const wantedIds = new Set(wanted.map((l) => l.skuId.toLowerCase()));

    for (const extra of current.filter((l) => !wantedIds.has(l.skuId.toLowerCase()))) {
      const address = `${want.address}/license:skuid:${extra.skuId}`;
      if (ctx.desired.policy.prune.licenses) {
        const step = ctx.addStep({ address, action: "unassign", reason: "pruned_undeclared", target: { userId: have!.id, skuId: extra.skuId }, before: { skuId: extra.skuId }, after: null });
        ledger.release(extra.skuId, step.id);
      } else {
        ctx.findings.push({ kind: "unmanaged", address, message: `${want.userPrincipalName} has licence ${extra.skuId}, which the estate does not declare`, detail: { skuId: extra.skuId } });
      }
    }
    for (const license of wanted) {
      const existing = current.find((l) => l.skuId.toLowerCase() === license.skuId.toLowerCase());
      if (existing && samePlans(existing, license.disabledPlanIds)) continue;
      assignQueue.push(() => planAssign(ctx, want, have, license, existing, userStep, subscriptions, ledger));
    }
  }
  // Assignments are decided after every unassignment is known, so freed seats count.
  for (const plan of assignQueue) plan();

  for (const extra of actualUsers.filter((u) => !declared.has(u.userPrincipalName.toLowerCase()))) {
    const address = `${ctx.desired.address}/user:${extra.userPrincipalName.toLowerCase()}`;
    if (ctx.desired.policy.prune.users && extra.enabled) {
      ctx.addStep({ address, action: "disable-user", reason: "pruned_undeclared", target: { userId: extra.id }, before: { enabled: true }, after: { enabled: false }, changedFields: ["enabled"] });
    } else {
      ctx.findings.push({ kind: "unmanaged", address, message: `user ${extra.userPrincipalName} is not declared`, detail: { licenses: extra.licenses.map((l) => l.skuId) } });
    }
  }
}

function planAssign(ctx: CustomerContext, want: DesiredUser, have: ActualUser | undefined, license: WantedLicense, existing: ActualLicense | undefined, userStep: PlanStep | undefined, subscriptions: SubscriptionPlan, ledger: CapacityLedger): void {
  const address = licenseAddress(ctx.desired.name, want.userPrincipalName, license.declared);
  const capacity = ledger.get(license.skuId);
  const usageLocation = want.usageLocation ?? have?.usageLocation ?? null;
  const fits = existing !== undefined || ledger.take(license.skuId);
  // No free seat yet, but an order still provisioning brings one: wait for it rather than block.
  const waitsForOrder = !fits && ledger.takePending(license.skuId);
  const blocked = usageLocation === null
    ? { code: "plan.usage_location_missing", message: `${want.userPrincipalName} has no usageLocation, which a licence needs (NCE-RULES R-LIC-1)`, hint: "set usageLocation on the user (or in the profile's users.defaults)" }
    : !fits && !waitsForOrder
      ? { code: "plan.insufficient_licenses", message: `no free ${license.skuPartNumber} seat for ${want.userPrincipalName}: ${capacity.active} seats, ${capacity.consumed} assigned after this plan's other changes`, hint: "raise the subscription's quantity, or remove an assignment (undeclared ones count too; see the unmanaged findings)" }
      : undefined;
  const dependsOn = [
    ...(userStep ? [userStep.id] : []),
    ...capacity.providers,
    ...capacity.releasers,
  ];
  const source = license.declared.subscription === undefined ? undefined : subscriptions.resolved.get(license.declared.subscription);
  if (source?.createStep && !dependsOn.includes(source.createStep.id)) dependsOn.push(source.createStep.id);
  ctx.addStep({
    address, action: "assign", reason: existing ? "disabled_plans_changed" : "missing_assignment",
    target: { ...(have ? { userId: have.id } : {}), skuId: license.skuId },
    before: existing ? { skuPartNumber: license.skuPartNumber, disabledPlans: existing.disabledPlans } : null,
    after: { skuPartNumber: license.skuPartNumber, disabledPlans: license.disabledPlanIds },
    changedFields: existing ? ["disabledPlans"] : [],
    dependsOn: [...new Set(dependsOn)],
    ...(blocked ? { blocked } : {}),
    ...(waitsForOrder ? { waiting: `a ${license.skuPartNumber} seat from order ${capacity.pendingOrders.join(", ")}, still provisioning` } : {}),
  });
}

function resolveLicense(ctx: CustomerContext, user: DesiredUser, license: DesiredLicense, subscriptions: SubscriptionPlan): WantedLicense | undefined {
  const offerId = license.subscription === undefined ? undefined : subscriptions.resolved.get(license.subscription)?.desired.offer;
  const skuPartNumber = license.sku ?? (offerId ? findOffer(offerId)?.skuPartNumber ?? undefined : undefined);
  const sku = skuPartNumber ? findLicenseSku(skuPartNumber) : undefined;
  if (sku === undefined) {
    ctx.warn("plan.license_sku_unknown", license.address, `the licence SKU of ${license.subscription ?? license.sku} is not in the embedded catalog, so ${user.userPrincipalName}'s assignment cannot be planned`);
    return undefined;
  }
  const disabledPlanIds = license.disabledPlans
    .map((name) => sku.servicePlans.find((p) => p.name.toLowerCase() === name.toLowerCase())?.id)
    .filter((id): id is string => id !== undefined)
    .sort();
  return { declared: license, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, disabledPlanIds };
}

function samePlans(existing: ActualLicense, wanted: string[]): boolean {
  const have = existing.disabledPlans.map((p) => p.toLowerCase()).sort();
  return have.length === wanted.length && have.every((p, i) => p === wanted[i]!.toLowerCase());
}

