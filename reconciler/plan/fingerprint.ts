// fingerprintActual: what apply compares to refuse a stale plan (STYLE.md §2.5).
import { createHash } from "node:crypto";
import type { ActualEstate } from "../read/actual-estate.js";
import { canonicalCustomer } from "./canonical-actual.js";
import { canonicalJson } from "./canonical-json.js";

export { canonicalJson } from "./canonical-json.js";

/**
 * A fingerprint of what was read, minus the read time: two reads of an unchanged Partner Center
 * give the same fingerprint. Customers and their lists are sorted so read order does not matter.
 * It is the SHA-256 of canonicalJson({customers, unknown, invitations}) with each list sorted
 * (customers by id; their subscriptions and users by id, subscribed SKUs by skuId).
 */
export function fingerprintActual(actual: ActualEstate): string {
  const customers = [...actual.customers].sort((a, b) => (a.id < b.id ? -1 : 1));
  const unknown = [...actual.unknown].sort((a, b) => (a.address < b.address ? -1 : 1));
  const invitations = [...actual.invitations].sort((a, b) => (a.domain < b.domain ? -1 : 1));
  // Hashed a customer at a time: the same bytes as one canonical text of the whole state, without that
  // string. Separators are hashed on their own, since joining one to a customer's text copies it.
  const hash = createHash("sha256").update('{"customers":[');
  for (let i = 0; i < customers.length; i++) {
    if (i > 0) hash.update(",");
    hash.update(canonicalCustomer(customers[i]!));
  }
  hash.update(`],"invitations":${canonicalJson(invitations)},"unknown":${canonicalJson(unknown)}}`);
  return "sha256:" + hash.digest("hex");
}
