// Licence steps for one user: unassign what is not declared (or report it), then queue the
// assignments, which planUsers decides once every unassignment of the customer is known.
import { findLicenseSku, findOffer, type LicenseSku } from "../../core/catalog.js";
import { licenseAddress } from "../model/address.js";
import type { DesiredLicense, DesiredUser } from "../model/desired-estate.js";
import type { ActualLicense, ActualUser } from "../read/actual-estate.js";
import type { CapacityLedger } from "./capacity.js";
import type { CustomerContext } from "./customer-context.js";
import { lowerCase } from "./lower-case.js";
import type { PlanStep, StepProblem } from "./plan.js";
import type { SubscriptionPlan } from "./plan-subscriptions.js";

interface WantedLicense {
  declared: DesiredLicense;
  skuId: string;
  skuPartNumber: string;
  disabledPlanIds: string[];
}

/** An assignment to plan once every unassignment of the customer is known. */
export interface QueuedAssign {
  want: DesiredUser;
  have: ActualUser | undefined;
  license: WantedLicense;
  existing: ActualLicense | undefined;
  userStep: PlanStep | undefined;
}

// Lists reused for every user, so that a user whose licences match allocates nothing. Entries are
// overwritten and counted, never truncated: a list whose length or element kind changes makes V8
// drop the optimised code (each recompilation cost ~50 ms of CPU at 10,000 customers). Planning is
// synchronous and never re-enters planUserLicenses.
const scratchSkus: (ResolvedSku | null)[] = [];
const scratchCurrentSkuIds: string[] = [];

const NO_PLANS: readonly string[] = Object.freeze([]);

/** Unassignments (or unmanaged findings) now, assignments queued: one user's licences. */
export function planUserLicenses(
  ctx: CustomerContext,
  want: DesiredUser,
  have: ActualUser | undefined,
  userStep: PlanStep | undefined,
  skus: LicenseSkuCache,
  ledger: CapacityLedger,
  assignQueue: QueuedAssign[],
): void {
  const resolved = scratchSkus;
  const declaredCount = want.licenses.length;
  for (let j = 0; j < declaredCount; j++) {
    const license = want.licenses[j]!;
    const sku = skus.resolve(license);
    if (sku === undefined)
      ctx.warn(
        "plan.license_sku_unknown",
        license.address,
        `the licence SKU of ${license.subscription ?? license.sku} is not in the embedded catalog, so ${want.userPrincipalName}'s assignment cannot be planned`,
      );
    resolved[j] = sku ?? null;
  }
  const current = have?.licenses ?? [];
  const currentSkuIds = scratchCurrentSkuIds;
  for (let i = 0; i < current.length; i++) currentSkuIds[i] = lowerCase(current[i]!.skuId);
  for (let i = 0; i < current.length; i++) {
    if (indexOfSku(resolved, declaredCount, currentSkuIds[i]!) >= 0) continue;
    const extra = current[i]!;
    const address = `${want.address}/license:skuid:${extra.skuId}`;
    if (ctx.desired.policy.prune.licenses) {
      const step = ctx.addStep({
        address,
        action: "unassign",
        reason: "pruned_undeclared",
        target: { userId: have!.id, skuId: extra.skuId },
        before: { skuId: extra.skuId },
        after: null,
      });
      ledger.release(extra.skuId, step.id);
    } else {
      ctx.findings.push({
        kind: "unmanaged",
        address,
        message: `${want.userPrincipalName} has licence ${extra.skuId}, which the estate does not declare`,
        detail: { skuId: extra.skuId },
      });
    }
  }
  for (let j = 0; j < declaredCount; j++) {
    const sku = resolved[j];
    if (sku === null || sku === undefined) continue;
    const declared = want.licenses[j]!;
    const found = indexOfId(currentSkuIds, current.length, sku.skuIdLower);
    const existing = found < 0 ? undefined : current[found];
    const disabledPlanIds = declared.disabledPlans.length === 0 ? NO_PLANS : disabledPlanIdsOf(sku.sku, declared);
    if (existing && samePlans(existing, disabledPlanIds)) continue;
    const license: WantedLicense = {
      declared,
      skuId: sku.sku.skuId,
      skuPartNumber: sku.sku.skuPartNumber,
      disabledPlanIds: disabledPlanIds === NO_PLANS ? [] : [...disabledPlanIds],
    };
    assignQueue.push({ want, have, license, existing, userStep });
  }
}

/** The first of the first `count` resolved SKUs whose lowercased id is `skuIdLower`, or -1. */
function indexOfSku(resolved: readonly (ResolvedSku | null)[], count: number, skuIdLower: string): number {
  for (let j = 0; j < count; j++) if (resolved[j] !== null && resolved[j]!.skuIdLower === skuIdLower) return j;
  return -1;
}

function indexOfId(ids: readonly string[], count: number, id: string): number {
  for (let i = 0; i < count; i++) if (ids[i] === id) return i;
  return -1;
}

/** The declared disabled plans' ids, sorted; names the SKU does not have are left out. */
function disabledPlanIdsOf(sku: LicenseSku, license: DesiredLicense): string[] {
  return license.disabledPlans
    .map((name) => sku.servicePlans.find((p) => p.name.toLowerCase() === name.toLowerCase())?.id)
    .filter((id): id is string => id !== undefined)
    .sort();
}

export function planAssign(
  ctx: CustomerContext,
  want: DesiredUser,
  have: ActualUser | undefined,
  license: WantedLicense,
  existing: ActualLicense | undefined,
  userStep: PlanStep | undefined,
  subscriptions: SubscriptionPlan,
  ledger: CapacityLedger,
): void {
  const address = licenseAddress(ctx.desired.name, want.userPrincipalName, license.declared);
  const capacity = ledger.get(license.skuId);
  const usageLocation = want.usageLocation ?? have?.usageLocation ?? null;
  const fits = existing !== undefined || ledger.take(license.skuId);
  // No free seat yet, but an order still provisioning brings one: wait for it rather than block.
  const waitsForOrder = !fits && ledger.takePending(license.skuId);
  const blocked: StepProblem | undefined =
    usageLocation === null
      ? {
          code: "plan.usage_location_missing",
          message: `${want.userPrincipalName} has no usageLocation, which a licence needs (NCE-RULES R-LIC-1)`,
          hint: "set usageLocation on the user (or in the profile's users.defaults)",
        }
      : !fits && !waitsForOrder
        ? {
            code: "plan.insufficient_licenses",
            message: `no free ${license.skuPartNumber} seat for ${want.userPrincipalName}: ${capacity.active} seats, ${capacity.consumed} assigned after this plan's other changes`,
            hint: "raise the subscription's quantity, or remove an assignment (undeclared ones count too; see the unmanaged findings)",
          }
        : undefined;
  const dependsOn = [...(userStep ? [userStep.id] : []), ...capacity.providers, ...capacity.releasers];
  const source =
    license.declared.subscription === undefined ? undefined : subscriptions.resolved.get(license.declared.subscription);
  if (source?.createStep && !dependsOn.includes(source.createStep.id)) dependsOn.push(source.createStep.id);
  ctx.addStep({
    address,
    action: "assign",
    reason: existing ? "disabled_plans_changed" : "missing_assignment",
    target: { ...(have ? { userId: have.id } : {}), skuId: license.skuId },
    before: existing ? { skuPartNumber: license.skuPartNumber, disabledPlans: existing.disabledPlans } : null,
    after: { skuPartNumber: license.skuPartNumber, disabledPlans: license.disabledPlanIds },
    changedFields: existing ? ["disabledPlans"] : [],
    dependsOn: [...new Set(dependsOn)],
    ...(blocked ? { blocked } : {}),
    ...(waitsForOrder
      ? {
          waiting: `a ${license.skuPartNumber} seat from order ${capacity.pendingOrders.join(", ")}, still provisioning`,
        }
      : {}),
  });
}

/**
 * The catalog SKU of each declared licence, looked up once per subscription name or SKU part
 * number of the customer instead of once per user; a licence the catalog lacks is warned about
 * for every user that declares it, as before.
 */
export class LicenseSkuCache {
  private readonly bySubscription = new Map<string, ResolvedSku | undefined>();
  private readonly byPartNumber = new Map<string, ResolvedSku | undefined>();

  constructor(private readonly subscriptions: SubscriptionPlan | undefined) {}

  /** The catalog SKU of a declared licence; undefined when the catalog lacks it. */
  resolve(license: DesiredLicense): ResolvedSku | undefined {
    if (license.sku !== undefined) {
      if (!this.byPartNumber.has(license.sku))
        this.byPartNumber.set(license.sku, resolvedSku(findLicenseSku(license.sku)));
      return this.byPartNumber.get(license.sku);
    }
    if (license.subscription === undefined) return undefined;
    if (!this.bySubscription.has(license.subscription)) {
      const offerId = this.subscriptions?.resolved.get(license.subscription)?.desired.offer;
      const skuPartNumber = offerId ? (findOffer(offerId)?.skuPartNumber ?? undefined) : undefined;
      this.bySubscription.set(
        license.subscription,
        resolvedSku(skuPartNumber ? findLicenseSku(skuPartNumber) : undefined),
      );
    }
    return this.bySubscription.get(license.subscription);
  }
}

interface ResolvedSku {
  sku: LicenseSku;
  skuIdLower: string;
}

function resolvedSku(sku: LicenseSku | undefined): ResolvedSku | undefined {
  return sku === undefined ? undefined : { sku, skuIdLower: sku.skuId.toLowerCase() };
}

function samePlans(existing: ActualLicense, wanted: readonly string[]): boolean {
  if (existing.disabledPlans.length !== wanted.length) return false;
  if (wanted.length === 0) return true;
  const have = existing.disabledPlans.map((p) => p.toLowerCase()).sort();
  return have.every((p, i) => p === wanted[i]!.toLowerCase());
}
