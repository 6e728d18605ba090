// access.consents: each declared application's consent in the customer tenant, compared with what the
// tenant's Graph shows (its delegated permissions on the declared resource). Missing: create-consent;
// other scopes: update-consent; `state: revoked` and still there: delete-consent (destructive). Every
// consent step needs a GDAP role that allows consent (Application Administrator, Cloud Application
// Administrator or Global Administrator): it waits for the declared relationship when that will grant
// one, and is blocked when none will.
import type { DesiredConsent } from "../model/desired-estate.js";
import type { ActualConsent } from "../read/actual-estate.js";
import type { CustomerContext } from "./customer-context.js";
import type { PlanStep } from "./plan.js";
import { gateOnGdap, grantedRoles, type GdapAccess } from "./plan-gdap.js";

/** The scopes `actual` holds on `resource`, sorted; undefined when the application is not consented there. */
function heldScopes(actual: readonly ActualConsent[], consent: DesiredConsent): string[] | undefined {
  const app = actual.find((a) => a.applicationId === consent.applicationId);
  if (app === undefined) return undefined;
  const grants = app.grants.filter((g) => g.resource === consent.resource);
  if (grants.length === 0) return undefined;
  return [...new Set(grants.flatMap((g) => g.scopes))].sort();
}

/** Permission names compare case-insensitively (Entra's are), in any order. */
const scopeSet = (scopes: readonly string[]): string =>
  [...new Set(scopes.map((s) => s.toLowerCase()))].sort().join(" ");
const sameScopes = (a: readonly string[], b: readonly string[]): boolean => scopeSet(a) === scopeSet(b);

export function planConsents(
  ctx: CustomerContext,
  customerStep: PlanStep | undefined,
  gdap: GdapAccess | undefined,
  signedInApplication: string | undefined,
): void {
  const declared = ctx.desired.consents ?? [];
  if (declared.length === 0) return;
  const read = ctx.actual?.consents;
  if (ctx.actual !== undefined && read === null && gdap?.waitOn === undefined) {
    ctx.findings.push({
      kind: "unknown",
      address: `${ctx.desired.address}/consents`,
      message:
        "the application consents could not be read from the customer tenant (Microsoft Graph refused: no GDAP role that reads applications); no consent step is planned",
    });
    return;
  }
  const steps: PlanStep[] = [];
  for (const consent of declared) {
    const address = `${ctx.desired.address}/consent:${consent.applicationId}`;
    const after = {
      applicationId: consent.applicationId,
      ...(consent.displayName === undefined ? {} : { displayName: consent.displayName }),
      resource: consent.resource,
      scopes: consent.scopes,
    };
    const target = { applicationId: consent.applicationId };
    const dependsOn = customerStep ? [customerStep.id] : [];
    // not read: a new customer, or refused until the declared relationship is approved (a repeated grant is harmless)
    const held = read == null ? undefined : heldScopes(read, consent);
    if (consent.state === "revoked") {
      if (held !== undefined)
        steps.push(
          ctx.addStep({
            address,
            action: "delete-consent",
            reason: "revoked_in_estate",
            before: { ...after, scopes: held },
            target,
          }),
        );
      continue;
    }
    // Partner Center grants consent only with a token of the consented application itself
    const foreign =
      signedInApplication !== undefined && signedInApplication !== consent.applicationId
        ? {
            blocked: {
              code: "plan.consent_other_application" as const,
              message: `cspctl signs in as application ${signedInApplication}; Partner Center grants consent only to the application of the calling token, not ${consent.applicationId}`,
              hint: `run cspctl with that application's credentials (CSPCTL_CLIENT_ID=${consent.applicationId}), or have the customer's administrator consent at https://login.microsoftonline.com/${ctx.desired.company.domain}/adminconsent?client_id=${consent.applicationId}`,
            },
          }
        : {};
    if (held === undefined)
      steps.push(
        ctx.addStep({
          address,
          action: "create-consent",
          reason: "missing_in_partner_center",
          after,
          target,
          dependsOn,
          ...foreign,
        }),
      );
    else if (
      !sameScopes(held, consent.scopes) &&
      ctx.filterIgnored(address, ["scopes"], (f) => `consents[${consent.applicationId}].${f}`, { scopes: held }, after)
        .length > 0
    )
      steps.push(
        ctx.addStep({
          address,
          action: "update-consent",
          reason: "scopes_changed",
          before: { scopes: held },
          after: { ...after },
          changedFields: ["scopes"],
          target,
          ...foreign,
        }),
      );
  }
  if (gdap !== undefined) return; // planCustomer gates every step of a customer that declares access.gdap
  // otherwise the roles are known when the relationships were read, or when the customer is new (it has none yet)
  const relationships = ctx.actual?.gdap;
  if (Array.isArray(relationships)) gateOnGdap(steps, { granted: grantedRoles(relationships), promised: [] });
  else if (ctx.actual === undefined) gateOnGdap(steps, { granted: [], promised: [] });
}
