// What a declared customer asks readActual to read: when it changes (a billing profile declared, a
// user in a custom domain, access.gdap, an application consent, a promotion), its snapshot entry lacks a part, so it is read in full.
import { createHash } from "node:crypto";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { canonicalJson } from "../plan/canonical-json.js";

export function readShape(desired: DesiredCustomer): string {
  const domain = desired.company.domain.toLowerCase();
  const shape = {
    name: desired.name,
    domain,
    tenant: { mode: desired.tenant.mode, id: desired.tenant.id?.toLowerCase() ?? null },
    billing: desired.billing !== undefined,
    qualification: desired.company.qualification,
    customDomains: desired.users.some((u) => !u.userPrincipalName.toLowerCase().endsWith(`@${domain}`)),
    gdap: desired.gdap !== undefined,
    consents: (desired.consents ?? []).map((c) => `${c.applicationId.toLowerCase()} ${c.resource}`).sort(),
    promotions: desired.subscriptions.some((s) => s.promotion !== undefined),
  };
  return createHash("sha256").update(canonicalJson(shape)).digest("hex").slice(0, 16);
}
