// Lookups and envelope helpers every Partner Center handler uses.
import type { Collection, Link, Links } from "../wire/common.js";
import { tenantNotFound } from "../errors.js";
import type { EmulatorRequest, EmulatorResponse } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import type { CustomerRecord, PartnerRecord, TenantRecord } from "../store/state.js";

export function link(uri: string, method = "GET"): Link {
  return { uri, method, headers: [] };
}

export function selfLinks(uri: string): Links {
  return { self: link(uri) };
}

export function collection<T>(items: T[], selfUri?: string): Collection<T> {
  return {
    totalCount: items.length,
    items,
    ...(selfUri === undefined ? {} : { links: selfLinks(selfUri) }),
    attributes: { objectType: "Collection" },
  };
}

export function ok(body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status: 200, body, ...(headers === undefined ? {} : { headers }) };
}

export function created(body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status: 201, body, ...(headers === undefined ? {} : { headers }) };
}

/** The calling partner; the pipeline has authenticated it, so an unknown one means it was reset. */
export function callingPartner(store: Store, request: EmulatorRequest): PartnerRecord {
  const partner = store.partner(request.principal.partnerTenantId.toLowerCase());
  if (partner === undefined) throw tenantNotFound();
  return partner;
}

export interface CustomerScope {
  partner: PartnerRecord;
  customer: CustomerRecord;
  tenant: TenantRecord;
}

/** `{customerId}` of the calling partner; another partner's customer is indistinguishable from none. */
export function customerScope(store: Store, request: EmulatorRequest): CustomerScope {
  const partner = callingPartner(store, request);
  const customerId = (request.params["customerId"] ?? "").toLowerCase();
  const customer = own(partner.customers, customerId);
  const tenant = store.tenant(customerId);
  if (customer === undefined || tenant === undefined) throw tenantNotFound();
  return { partner, customer, tenant };
}

/** ETag of subscriptions and orders: base64 of `{"id":…,"version":N}` (as in the subscription and order samples). */
export function versionEtag(id: string, version: number): string {
  return Buffer.from(JSON.stringify({ id, version })).toString("base64");
}

/** The `If-Match` value without the quotes Partner Center asks for (Partner Center docs: headers). */
export function ifMatch(request: EmulatorRequest): string | undefined {
  const value = request.headers["if-match"];
  if (value === undefined || value === "") return undefined;
  return value.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
