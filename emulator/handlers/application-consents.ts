// Application consent for a partner's multi-tenant app (Partner Center docs: CPV application
// consent, gdap-and-secure-application-model): POST /customers/{id}/applicationconsents grants it,
// DELETE …/applicationconsents/{applicationId} removes it. App+user only; the token's application
// must be the one consented; the GDAP role is checked by the route's guard. There is no list or get.
import { invalidInput, partnerCenterError, resourceNotFound } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import type { Store } from "../store/memory-store.js";
import type { ApplicationConsentRecord } from "../store/state.js";
import { bodyObject, optionalArray, optionalText, requiredString } from "./body.js";
import { created, customerScope, ok } from "./shared.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createApplicationConsent(store: Store): Handler {
  return (request, context) => {
    const { customer } = customerScope(store, request);
    const body = bodyObject(request.body);
    const applicationId = requiredString(body, "applicationId").toLowerCase();
    if (!GUID.test(applicationId)) throw invalidInput("applicationId must be a GUID.");
    if (applicationId !== request.principal.clientId.toLowerCase())
      throw partnerCenterError(
        403,
        403,
        `applicationId ${applicationId} is not the application of the calling token; consent is granted with a token of the application itself.`,
      );
    const grants = optionalArray(body, "applicationGrants").map((raw, i) => {
      const grant = bodyObject(raw, `applicationGrants[${i}]`);
      const enterpriseApplicationId = requiredString(grant, "enterpriseApplicationId", `applicationGrants[${i}].`);
      const scope = requiredString(grant, "scope", `applicationGrants[${i}].`);
      if (!GUID.test(enterpriseApplicationId))
        throw invalidInput(`applicationGrants[${i}].enterpriseApplicationId must be a GUID.`);
      return { enterpriseApplicationId: enterpriseApplicationId.toLowerCase(), scope };
    });
    if (grants.length === 0) throw invalidInput("applicationGrants must list at least one grant.");
    const displayName = optionalText(body, "displayName");
    const existing = customer.applicationConsents?.[applicationId];
    const same = existing !== undefined && JSON.stringify(existing.grants) === JSON.stringify(grants);
    const record: ApplicationConsentRecord = {
      applicationId,
      ...(displayName === undefined ? {} : { displayName }),
      grants,
      createdAt: existing?.createdAt ?? context.clock.now().toISOString(),
    };
    customer.applicationConsents = { ...customer.applicationConsents, [applicationId]: record };
    const answer = { applicationId, applicationGrants: grants };
    return same ? ok(answer) : created(answer);
  };
}

export function deleteApplicationConsent(store: Store): Handler {
  return (request) => {
    const { customer } = customerScope(store, request);
    const applicationId = (request.params["applicationId"] ?? "").toLowerCase();
    if (customer.applicationConsents?.[applicationId] === undefined)
      throw resourceNotFound(`Application consent ${applicationId}`);
    delete customer.applicationConsents[applicationId];
    return ok(undefined);
  };
}
