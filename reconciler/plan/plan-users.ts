// User and licence steps for one customer: create-user, update-user, disable-user, assign,
// unassign, with licence capacity tracked so that no assignment is planned beyond the seats.
import type { DesiredUser } from "../model/desired-estate.js";
import type { ActualUser } from "../read/actual-estate.js";
import type { CapacityLedger } from "./capacity.js";
import { lowerCase } from "./lower-case.js";
import { matchUser } from "./match.js";
import { passwordPolicyProblem } from "./password-policy.js";
import { LicenseSkuCache, planAssign, planUserLicenses, type QueuedAssign } from "./plan-licenses.js";
import { pick } from "./records.js";
import type { CustomerContext } from "./customer-context.js";
import type { PlanStep } from "./plan.js";
import type { SubscriptionPlan } from "./plan-subscriptions.js";

const userFields = ["displayName", "firstName", "lastName", "usageLocation"] as const;

export function planUsers(
  ctx: CustomerContext,
  actualUsers: readonly ActualUser[],
  subscriptions: SubscriptionPlan | undefined,
  ledger: CapacityLedger,
  customerStep: PlanStep | undefined,
): void {
  const customerDeps = customerStep ? [customerStep.id] : [];
  // each UPN is lowercased once (lowerCase: without a copy when already lowercase)
  const wantedUpns = ctx.desired.users.map((u) => lowerCase(u.userPrincipalName));
  const declared = new Set(wantedUpns);
  const actualUpns = actualUsers.map((u) => lowerCase(u.userPrincipalName));
  const skus = new LicenseSkuCache(subscriptions);
  const assignQueue: QueuedAssign[] = [];

  for (let userIndex = 0; userIndex < ctx.desired.users.length; userIndex++) {
    const want = ctx.desired.users[userIndex]!;
    const have = matchUser(wantedUpns[userIndex]!, actualUsers);
    let userStep: PlanStep | undefined;
    if (have === undefined) {
      const blocked = weakPassword(want) ?? unverifiedDomain(ctx, want);
      userStep = ctx.addStep({
        address: want.address,
        action: "create-user",
        reason: "missing_in_partner_center",
        dependsOn: customerDeps,
        after: {
          userPrincipalName: want.userPrincipalName,
          firstName: want.firstName,
          lastName: want.lastName,
          displayName: want.displayName,
          usageLocation: want.usageLocation ?? null,
          enabled: want.enabled,
          password: want.password.source === "generate" ? "(generated)" : `(from \${env:${want.password.variable}})`,
        },
        ...(blocked ? { blocked } : {}),
      });
    } else if (userDiffers(want, have)) {
      userStep = planUserUpdate(ctx, want, have);
    }
    if (subscriptions === undefined) continue; // licences need the subscriptions read
    planUserLicenses(ctx, want, have, userStep, skus, ledger, assignQueue);
  }
  // Assignments are decided after every unassignment is known, so freed seats count.
  for (const queued of assignQueue)
    planAssign(ctx, queued.want, queued.have, queued.license, queued.existing, queued.userStep, subscriptions!, ledger);

  const initialAdmins = tenantInitialAdmins(ctx);
  for (let userIndex = 0; userIndex < actualUsers.length; userIndex++) {
    const extra = actualUsers[userIndex]!;
    if (declared.has(actualUpns[userIndex]!) || initialAdmins.has(actualUpns[userIndex]!)) continue;
    const address = `${ctx.desired.address}/user:${actualUpns[userIndex]!}`;
    if (ctx.desired.policy.prune.users && extra.enabled) {
      ctx.addStep({
        address,
        action: "disable-user",
        reason: "pruned_undeclared",
        target: { userId: extra.id },
        before: { enabled: true },
        after: { enabled: false },
        changedFields: ["enabled"],
      });
    } else {
      ctx.findings.push({
        kind: "unmanaged",
        address,
        message: `user ${extra.userPrincipalName} is not declared`,
        detail: { licenses: extra.licenses.map((l) => l.skuId) },
      });
    }
  }
}

/**
 * Partner Center makes every new tenant with one global admin, `admin@<the customer's domain>` (the
 * userCredentials of POST /v1/customers). It belongs to the tenant, not to the estate: it is neither
 * reported as unmanaged nor pruned (disabling it could lock the customer out). Declared, it is managed.
 */
function tenantInitialAdmins(ctx: CustomerContext): Set<string> {
  const domains = [ctx.desired.company.domain, ctx.actual?.domain].filter(
    (d): d is string => typeof d === "string" && d.length > 0,
  );
  return new Set(domains.map((d) => `admin@${lowerCase(d)}`));
}

/**
 * Whether planUserUpdate can plan anything: a tracked field differs, or the user is to be enabled
 * or disabled. Checked field by field first, because at 200,000 users building the before/after
 * records of every unchanged user cost more than the rest of the user's planning (bench planner-pure).
 */
function userDiffers(want: DesiredUser, have: ActualUser): boolean {
  return (
    have.displayName !== want.displayName ||
    have.firstName !== want.firstName ||
    have.lastName !== want.lastName ||
    (want.usageLocation ?? have.usageLocation) !== have.usageLocation ||
    want.enabled !== have.enabled
  );
}

function planUserUpdate(ctx: CustomerContext, want: DesiredUser, have: ActualUser): PlanStep | undefined {
  const ignorePath = (field: string): string => `users[${want.userPrincipalName}].${field}`;
  let userStep: PlanStep | undefined;
  const before: Record<string, unknown> = {
    displayName: have.displayName,
    firstName: have.firstName,
    lastName: have.lastName,
    usageLocation: have.usageLocation,
    enabled: have.enabled,
  };
  const after: Record<string, unknown> = {
    displayName: want.displayName,
    firstName: want.firstName,
    lastName: want.lastName,
    usageLocation: want.usageLocation ?? have.usageLocation,
    enabled: want.enabled,
  };
  const fields = [...userFields, ...(want.enabled && !have.enabled ? (["enabled"] as const) : [])].filter(
    (f) => before[f] !== after[f],
  );
  const changed = ctx.filterIgnored(want.address, fields, ignorePath, before, after);
  const target = { userId: have.id };
  if (changed.length > 0) {
    userStep = ctx.addStep({
      address: want.address,
      action: "update-user",
      reason: changed.length === 1 ? `${changed[0]}_changed` : "fields_changed",
      target,
      before: pick(before, changed),
      after: pick(after, changed),
      changedFields: changed,
    });
  }
  if (
    !want.enabled &&
    have.enabled &&
    ctx.filterIgnored(want.address, ["enabled"], ignorePath, before, after).length > 0
  ) {
    ctx.addStep({
      address: want.address,
      action: "disable-user",
      reason: "declared_disabled",
      target,
      before: { enabled: true },
      after: { enabled: false },
      changedFields: ["enabled"],
    });
  }
  return userStep;
}

/** A ${env:} password Entra would refuse blocks the user's creation at plan time (R-USR-1). */
function weakPassword(want: DesiredUser): Blocked | undefined {
  if (want.password.source !== "env" || want.password.value === undefined) return undefined;
  const problem = passwordPolicyProblem(want.password.value);
  if (problem === undefined) return undefined;
  return {
    code: "plan.password_policy",
    message: `the password in \${env:${want.password.variable}} does not meet Entra's password policy: ${problem} (NCE-RULES R-USR-1)`,
    hint: `set ${want.password.variable} to 8–256 characters mixing three of lower case, upper case, digits and symbols, or use password: generate`,
  };
}

type Blocked = NonNullable<PlanStep["blocked"]>;

/**
 * A user outside the initial domain needs a custom domain verified in the tenant (Graph /domains);
 * one in a domain the tenant has not verified (or a tenant not created yet) is a blocked step naming it.
 */
function unverifiedDomain(ctx: CustomerContext, want: DesiredUser): Blocked | undefined {
  const domain = want.userPrincipalName.slice(want.userPrincipalName.lastIndexOf("@") + 1).toLowerCase();
  if (domain === ctx.desired.company.domain.toLowerCase()) return undefined;
  const verified = ctx.actual?.verifiedDomains;
  if (ctx.actual !== undefined && verified === undefined) return undefined; // not read: apply reports Entra's answer
  if (verified?.includes(domain)) return undefined;
  return {
    code: "plan.domain_not_verified",
    message: `${domain} is not a domain verified in the customer's tenant${ctx.actual === undefined ? " (the tenant does not exist yet)" : ""}, so ${want.userPrincipalName} cannot be created`,
    hint: `add and verify ${domain} in the customer's tenant (Microsoft 365 admin center, Settings > Domains), or use @${ctx.desired.company.domain}`,
  };
}
