// Application consent steps at apply, through Partner Center (POST/DELETE applicationconsents, app+user
// with a token of the consented application itself), each read back from the customer tenant's
// Graph (service principal and delegated permission grants), since Partner Center cannot read a
// consent back. Changing the scopes removes the consent and grants it again, as Microsoft documents
// no way to change one in place.
import { CspctlError } from "../../core/errors.js";
import type { DesiredConsent } from "../model/desired-estate.js";
import type { PlanStep } from "../plan/plan.js";
import { customerId, type Operation, type OperationContext } from "./operation-context.js";
import { ReadbackMismatchError } from "./readback.js";

function declared(step: PlanStep, ctx: OperationContext): DesiredConsent {
  const consent = ctx.state.desired.consents?.find((c) => c.applicationId === step.target.applicationId);
  if (consent === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      address: step.address,
      message: `access.consents no longer names application ${step.target.applicationId}`,
      hint: "make a new plan",
    });
  return consent;
}

/** The scopes the tenant holds for the consent's application on its resource; undefined when it holds none. */
async function readBack(ctx: OperationContext, consent: DesiredConsent): Promise<string[] | undefined> {
  const reader = ctx.client.graph.applicationConsents;
  const found = await reader.list(customerId(ctx), [consent.applicationId], [consent.resource]);
  const grants = found[0]?.grants.filter((g) => g.resource === consent.resource) ?? [];
  return grants.length === 0 ? undefined : [...new Set(grants.flatMap((g) => g.scopes))].sort();
}

async function grant(step: PlanStep, ctx: OperationContext, consent: DesiredConsent) {
  const { created } = await ctx.client.partnerCenter.applicationConsents.create(customerId(ctx), {
    applicationId: consent.applicationId,
    ...(consent.displayName === undefined ? {} : { displayName: consent.displayName }),
    grants: [{ resource: consent.resource, scopes: consent.scopes }],
  });
  const held = await readBack(ctx, consent);
  const wanted = consent.scopes.map((s) => s.toLowerCase());
  const missing = wanted.filter((s) => !held?.some((h) => h.toLowerCase() === s));
  if (missing.length > 0)
    throw new ReadbackMismatchError(step.address, [
      `scopes: wanted ${consent.scopes.join(", ")}, read ${held === undefined ? "no consent" : held.join(", ")}`,
    ]);
  return { applicationId: consent.applicationId, scopes: held!, created };
}

export const createConsent: Operation = (step, ctx) => grant(step, ctx, declared(step, ctx));

export const updateConsent: Operation = async (step, ctx) => {
  const consent = declared(step, ctx);
  await ctx.client.partnerCenter.applicationConsents.remove(customerId(ctx), consent.applicationId);
  return grant(step, ctx, consent);
};

export const deleteConsent: Operation = async (step, ctx) => {
  const applicationId = step.target.applicationId!;
  const resource = String(step.before?.resource ?? "");
  await ctx.client.partnerCenter.applicationConsents.remove(customerId(ctx), applicationId);
  const held = await readBack(ctx, { applicationId, resource, scopes: [], state: "revoked" });
  if (held !== undefined)
    throw new ReadbackMismatchError(step.address, [`consent: wanted none, read ${held.join(", ")}`]);
  return { applicationId, removed: true };
};
