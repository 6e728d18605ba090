// GDAP steps at apply: create the relationship and lock it for the customer's approval, change
// auto-extend, create or update an access assignment. All on the partner tenant's Graph token
// (client.gdap); writes that change an existing object send its ETag in If-Match.
import { approvalLink } from "../../client/gdap.js";
import { CspctlError } from "../../core/errors.js";
import type { DesiredGdap } from "../model/desired-estate.js";
import { customerId, type Operation, type OperationContext } from "./operation-context.js";

function gdapClient(ctx: OperationContext) {
  const gdap = ctx.client.gdap;
  if (gdap === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      message: "this client has no GDAP (Microsoft Graph tenantRelationships) access",
      hint: "run apply with a full cspctl client",
    });
  return gdap;
}

function declared(ctx: OperationContext): DesiredGdap {
  const gdap = ctx.state.desired.gdap;
  if (gdap === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      message: `${ctx.state.desired.address} declares no access.gdap`,
      hint: "make a new plan",
    });
  return gdap;
}

export const createGdapRelationship: Operation = async (step, ctx) => {
  const gdap = gdapClient(ctx);
  let id = step.target.relationshipId;
  if (id === undefined) {
    const desired = declared(ctx);
    const customerTenantId = customerId(ctx);
    const created = await gdap.create({
      displayName: desired.displayName,
      duration: desired.duration,
      customerTenantId,
      roles: desired.roles,
      autoExtend: desired.autoExtend,
    });
    id = created.id;
  }
  await gdap.request(id, "lockForApproval");
  return { relationshipId: id, approvalLink: approvalLink(id) };
};

export const updateGdapRelationship: Operation = async (step, ctx) => {
  const gdap = gdapClient(ctx);
  const relationship = await gdap.get(step.target.relationshipId!);
  const updated = await gdap.setAutoExtend(relationship, declared(ctx).autoExtend);
  return { relationshipId: updated.id, autoExtend: updated.autoExtendDuration !== "PT0S" };
};

export const assignGdap: Operation = async (step, ctx) => {
  const gdap = gdapClient(ctx);
  const relationshipId = step.target.relationshipId!;
  const group = String(step.after?.group ?? "");
  const wanted = declared(ctx).accessAssignments.find((a) => a.group === group);
  if (wanted === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      address: step.address,
      message: `access.gdap no longer assigns group ${group}`,
      hint: "make a new plan",
    });
  const existing = (await gdap.accessAssignments.list(relationshipId)).find(
    (a) => a.groupId.toLowerCase() === group && a.status !== "deleted" && a.status !== "deleting",
  );
  if (existing === undefined) {
    const created = await gdap.accessAssignments.create(relationshipId, group, wanted.roles);
    return { assignmentId: created.id, status: created.status };
  }
  const { operation } = await gdap.accessAssignments.update(relationshipId, existing, wanted.roles);
  return { assignmentId: existing.id, ...(operation ? { operation } : {}) };
};
