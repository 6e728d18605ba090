// fingerprintActual: what apply compares to refuse a stale plan.
import { createHash } from "node:crypto";
import { CspctlError } from "../../core/errors.js";
import { customerOf } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { ActualCustomer, ActualEstate } from "../read/actual-estate.js";
import { canonicalCustomer } from "./canonical-actual.js";
import { canonicalJson } from "./canonical-json.js";
import { lowerCase } from "./lower-case.js";
import { matchCustomer } from "./match.js";
import type { Plan } from "./plan.js";

export { canonicalJson } from "./canonical-json.js";

/**
 * The declared customers a plan has steps for: the part of Partner Center its fingerprint covers,
 * and all that apply has to read again before running it. A customer the plan leaves alone may
 * change in the meantime without making the plan stale: nothing of it is written.
 */
export function customersChangedBy(
  plan: Pick<Plan, "steps">,
  customers: readonly DesiredCustomer[],
): DesiredCustomer[] {
  const names = new Set(plan.steps.map((step) => step.customer));
  return customers.filter((customer) => names.has(customer.name));
}

/**
 * A fingerprint of what was read for the given declared customers (customersChangedBy), minus the
 * read time: two reads of an unchanged Partner Center give the same fingerprint, and so does a
 * change to any customer outside `scope`. Lists are sorted so read order does not matter. It is
 * the SHA-256 of canonicalJson({customers, invitations, scope, unknown}): the Partner Center
 * customers the scope matches (by id; their subscriptions and users by id, subscribed SKUs by
 * skuId), the scope's open invitations (by domain) and unreadable parts (by address), and the
 * scope's names, sorted. A scoped customer that appears or disappears changes the customers list.
 */
export function fingerprintActual(actual: ActualEstate, scope: readonly DesiredCustomer[]): string {
  if (!Array.isArray(scope)) {
    // the one-argument form of earlier versions (the whole state) would otherwise fail deep inside
    throw new CspctlError({
      code: "plan.fingerprint_scope_missing",
      message: "fingerprintActual needs the declared customers it covers as its second argument",
      hint: "pass customersChangedBy(plan, customers) for a plan, or the customers a report covers",
    });
  }
  const names = scope.map((c) => c.name).sort();
  const nameSet = new Set(names);
  const domains = new Set(scope.map((c) => lowerCase(c.company.domain)));
  const matched = new Set<ActualCustomer>();
  for (const desired of scope) {
    const found = matchCustomer(desired, actual.customers);
    if (found !== undefined) matched.add(found);
  }
  const customers = [...matched].sort((a, b) => (a.id < b.id ? -1 : 1));
  const unknown = actual.unknown
    .filter((u) => nameSet.has(customerOf(u.address) ?? ""))
    .sort((a, b) => (a.address < b.address ? -1 : 1));
  const invitations = actual.invitations
    .filter((i) => domains.has(lowerCase(i.domain)))
    .sort((a, b) => (a.domain < b.domain ? -1 : 1));
  // Hashed a customer at a time: the same bytes as one canonical text of the whole object, without
  // that string. Separators are hashed on their own, since joining one to a customer's text copies it.
  const hash = createHash("sha256").update('{"customers":[');
  for (let i = 0; i < customers.length; i++) {
    if (i > 0) hash.update(",");
    hash.update(canonicalCustomer(customers[i]!));
  }
  hash.update(
    `],"invitations":${canonicalJson(invitations)},"scope":${canonicalJson(names)},"unknown":${canonicalJson(unknown)}}`,
  );
  return `sha256:${hash.digest("hex")}`;
}
