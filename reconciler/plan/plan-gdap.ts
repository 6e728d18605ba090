// access.gdap: the relationship is created and locked for approval (create-gdap), waits for the
// customer's Global Administrator at its approval link, and once active gets its access assignments
// (assign-gdap) and auto-extend (update-gdap). Roles of an active relationship cannot change (Graph
// allows only autoExtendDuration): a role change is a blocked step asking for a new relationship.
// The roles granted through active relationships gate the customer's user and licence steps.
import { approvalLink } from "../../client/gdap.js";
import { grants, roleName, roleNamesFor, type GdapOperation } from "../../core/entra-roles.js";
import type { ActualGdapRelationship } from "../read/actual-estate.js";
import type { CustomerContext } from "./customer-context.js";
import type { PlanStep } from "./plan.js";

/** Statuses in which a relationship still is, or will become, the declared one. */
export const PENDING = new Set(["created", "approvalPending", "approved", "activating"]);
/** Statuses in which a relationship grants access. */
export const LIVE = new Set(["active", "expiring"]);

export interface GdapAccess {
  /** Role template ids the partner holds now, through active access assignments of live relationships. */
  granted: string[];
  /** Role template ids the declared assignments will grant once the customer approves. */
  promised: string[];
  /**
   * What steps that need a promised role wait for: the relationship's approval (its create-gdap
   * step), or, once it is active, the access assignments this plan creates or changes.
   */
  waitOn?: { steps: PlanStep[]; reason: string };
}

const names = (ids: readonly string[]): string[] => ids.map(roleName);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Role template ids the partner holds now, through active access assignments of live relationships. */
export function grantedRoles(relationships: readonly ActualGdapRelationship[]): string[] {
  return [
    ...new Set(
      relationships
        .filter((r) => LIVE.has(r.status))
        .flatMap((r) => r.accessAssignments.filter((a) => a.status === "active").flatMap((a) => a.roles)),
    ),
  ].sort();
}

export function planGdap(ctx: CustomerContext, customerStep: PlanStep | undefined): GdapAccess | undefined {
  const desired = ctx.desired.gdap;
  if (desired === undefined) return undefined;
  const relationships = ctx.actual?.gdap ?? [];
  if (ctx.actual !== undefined && ctx.actual.gdap === null) {
    ctx.findings.push({
      kind: "unknown",
      address: `${ctx.desired.address}/gdap`,
      message: "GDAP relationships could not be read; no GDAP step is planned",
    });
    return undefined;
  }
  const granted = grantedRoles(relationships);
  const promised = [...new Set(desired.accessAssignments.flatMap((a) => a.roles))].sort();
  const address = `${ctx.desired.address}/gdap:${desired.displayName}`;
  const mine = relationships.filter((r) => r.displayName.toLowerCase() === desired.displayName.toLowerCase());
  const current = mine.find((r) => LIVE.has(r.status)) ?? mine.find((r) => PENDING.has(r.status));
  const after = {
    displayName: desired.displayName,
    roles: names(desired.roles),
    duration: desired.duration,
    autoExtend: desired.autoExtend,
  };

  if (current === undefined || PENDING.has(current.status)) {
    const link = current === undefined ? undefined : approvalLink(current.id);
    const step = ctx.addStep({
      address,
      action: "create-gdap",
      reason:
        current === undefined
          ? "missing_in_partner_center"
          : current.status === "created"
            ? "approval_not_requested"
            : "approval_pending",
      after: { ...after, ...(link ? { approvalLink: link } : {}) },
      ...(current ? { target: { relationshipId: current.id } } : {}),
      ...(current !== undefined && current.status !== "created"
        ? { waiting: `the customer's Global Administrator to approve the GDAP relationship: ${link}` }
        : {}),
      dependsOn: customerStep ? [customerStep.id] : [],
    });
    for (const assignment of desired.accessAssignments)
      ctx.addStep({
        address: `${address}/group:${assignment.group}`,
        action: "assign-gdap",
        reason: "missing_in_partner_center",
        after: { group: assignment.group, roles: names(assignment.roles) },
        waiting: "the customer to approve the GDAP relationship",
        dependsOn: [step.id],
      });
    return {
      granted,
      promised,
      waitOn: { steps: [step], reason: "the customer to approve the GDAP relationship and its access assignments" },
    };
  }

  const assignments = planActive(ctx, address, current, desired);
  return {
    granted,
    promised,
    ...(assignments.length > 0
      ? { waitOn: { steps: assignments, reason: "the GDAP access assignments this run creates to become active" } }
      : {}),
  };
}

function planActive(
  ctx: CustomerContext,
  address: string,
  current: ActualGdapRelationship,
  desired: NonNullable<CustomerContext["desired"]["gdap"]>,
): PlanStep[] {
  const target = { relationshipId: current.id };
  const assignments: PlanStep[] = [];
  if (!sameSet(current.roles, desired.roles))
    ctx.addStep({
      address,
      action: "update-gdap",
      reason: "roles_changed",
      before: { roles: names(current.roles) },
      after: { roles: names(desired.roles) },
      changedFields: ["roles"],
      target,
      blocked: {
        code: "plan.gdap_roles_immutable",
        message: `the active GDAP relationship "${current.displayName}" grants ${names(current.roles).join(", ")}; its roles cannot change once approved`,
        hint: "declare a new relationship (another access.gdap.displayName) with the roles wanted; the customer approves it again",
      },
    });
  else if (current.autoExtend !== desired.autoExtend)
    ctx.addStep({
      address,
      action: "update-gdap",
      reason: "auto_extend_changed",
      before: { autoExtend: current.autoExtend },
      after: { autoExtend: desired.autoExtend },
      changedFields: ["autoExtend"],
      target,
    });
  for (const assignment of desired.accessAssignments) {
    const have = current.accessAssignments.find((a) => a.group === assignment.group);
    if (have !== undefined && sameSet(have.roles, assignment.roles)) continue;
    const step = ctx.addStep({
      address: `${address}/group:${assignment.group}`,
      action: "assign-gdap",
      reason: have === undefined ? "missing_in_partner_center" : "roles_changed",
      before: have ? { group: have.group, roles: names(have.roles) } : null,
      after: { group: assignment.group, roles: names(assignment.roles) },
      changedFields: have ? ["roles"] : [],
      target: { ...target, ...(have ? { assignmentId: have.id } : {}) },
    });
    assignments.push(step);
  }
  return assignments;
}

const OPERATION: Partial<Record<PlanStep["action"], GdapOperation>> = {
  "create-user": "user.write",
  "update-user": "user.write",
  "disable-user": "user.write",
  assign: "licence.assign",
  unassign: "licence.assign",
  "create-consent": "consent.grant",
  "update-consent": "consent.grant",
  "delete-consent": "consent.grant",
};

/**
 * User, licence and consent steps need a GDAP role (core/entra-roles.ts): a step whose role the customer's
 * active relationships do not grant waits for the declared relationship when it will grant it, and is
 * blocked otherwise.
 */
export function gateOnGdap(steps: readonly PlanStep[], access: GdapAccess): void {
  for (const step of steps) {
    const operation = OPERATION[step.action];
    if (operation === undefined || step.status === "blocked" || grants(access.granted, operation)) continue;
    if (access.waitOn !== undefined && grants(access.promised, operation)) {
      step.status = "waiting";
      step.waitingFor = access.waitOn.reason;
      step.dependsOn = [...step.dependsOn, ...access.waitOn.steps.map((s) => s.id)];
      continue;
    }
    step.status = "blocked";
    step.blocked = {
      code: "plan.gdap_role_missing",
      message: `no active GDAP relationship grants a role that allows ${operation} (${roleNamesFor(operation).join(", ")})`,
      hint: "add one of these roles to access.gdap.roles and to an access assignment, and have the customer approve the relationship",
    };
  }
}
