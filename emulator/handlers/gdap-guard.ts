// GDAP enforcement: a partner user's call on a customer's users or licences, through Partner Center
// or through Graph, is refused unless an active relationship gives the partner, through an active
// access assignment, a role that allows it (Partner Center docs: each operation's "GDAP roles"
// section; Microsoft's "least privileged roles by task"). The emulator has no partner security
// groups: every partner user counts as a member of every group an assignment names. App-only Graph
// tokens act through the application's own consent in the customer tenant, not GDAP, and pass.
import { roleNamesFor, type GdapOperation } from "../../core/entra-roles.js";
import { graphError, partnerCenterError } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import { mayPerform } from "../rules/gdap.js";
import { own, type Store } from "../store/memory-store.js";

export function gdapGuard(store: Store, operation: GdapOperation, handler: Handler): Handler {
  return (request, context) => {
    const { principal } = request;
    const partner = store.partner(principal.partnerTenantId.toLowerCase());
    const customerId = (
      principal.audience === "graph" ? principal.tenantId : (request.params["customerId"] ?? "")
    ).toLowerCase();
    const customer = partner === undefined ? undefined : own(partner.customers, customerId);
    const checked = principal.kind === "user" && customer !== undefined && customerId !== partner?.tenantId;
    if (checked && !mayPerform(customer, operation, context.clock.now())) {
      const detail = `No active GDAP relationship with customer ${customerId} gives the partner one of: ${roleNamesFor(operation).join(", ")}.`;
      throw principal.audience === "graph"
        ? graphError(
            403,
            "Authorization_RequestDenied",
            `Insufficient privileges to complete the operation. ${detail}`,
            request.requestId,
          )
        : partnerCenterError(
            403,
            403,
            `The supplied role does not have the rights to perform the requested operation. ${detail}`,
          );
    }
    return handler(request, context);
  };
}
