// GET /customers (seek paging, starts_with filter), GET /customers/{customerId}.
import type { Customer } from "../wire/customer.js";
import { invalidInput } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import type { Store } from "../store/memory-store.js";
import type { CustomerRecord, TenantRecord } from "../store/state.js";
import { customerListItemView, customerView } from "./customer-views.js";
import { readSeekQuery, seekPage } from "./paging.js";
import { callingPartner, customerScope, ok } from "./shared.js";

export function listCustomers(store: Store): Handler {
  return (request, context) => {
    const partner = callingPartner(store, request);
    const query = readSeekQuery(request, context.config.defaultPageSize);
    const matches = customerFilter(query.filter);
    const listed: { id: string; customer: CustomerRecord; tenant: TenantRecord }[] = [];
    for (const customer of Object.values(partner.customers)) {
      const tenant = store.tenant(customer.id);
      if (tenant !== undefined && matches(customer, tenant)) listed.push({ id: customer.id, customer, tenant });
    }
    const selfQuery = new URLSearchParams(request.query);
    selfQuery.delete("seekOperation");
    const selfUri = `/customers${selfQuery.size > 0 ? `?${selfQuery.toString()}` : ""}`;
    return ok(
      seekPage(
        listed,
        query,
        "/customers",
        selfUri,
        (entry): Customer => customerListItemView(entry.customer, entry.tenant),
      ),
    );
  };
}

export function getCustomer(store: Store): Handler {
  return (request) => {
    const { customer, tenant } = customerScope(store, request);
    return ok(customerView(customer, tenant));
  };
}

type CustomerPredicate = (customer: CustomerRecord, tenant: TenantRecord) => boolean;

/**
 * `filter={"Field":"CompanyName"|"Domain"|"IndirectReseller","Value":…,"Operator":"starts_with"}`;
 * only starts_with, case-insensitive (Partner Center docs: get-a-list-of-customers-filtered-by-a-search-field).
 */
function customerFilter(filter: string | null): CustomerPredicate {
  if (filter === null || filter === "") return () => true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(filter);
  } catch {
    throw invalidInput("The filter is not valid JSON.");
  }
  const fields = lowerKeys(parsed);
  const field = String(fields["field"] ?? "").toLowerCase();
  const value = String(fields["value"] ?? "").toLowerCase();
  const operator = String(fields["operator"] ?? "").toLowerCase();
  if (operator !== "starts_with")
    throw invalidInput(`The operator ${operator} is not supported for customers; use starts_with.`);
  switch (field) {
    case "companyname":
      return (_customer, tenant) => tenant.companyName.toLowerCase().startsWith(value);
    case "domain":
      return (_customer, tenant) => tenant.defaultDomain.toLowerCase().startsWith(value);
    case "indirectreseller":
      return (customer) => (customer.associatedPartnerId ?? "").toLowerCase().startsWith(value);
    default:
      throw invalidInput(`The filter field ${field} is not supported for customers.`);
  }
}

function lowerKeys(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) throw invalidInput("The filter must be a JSON object.");
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.toLowerCase(), v]));
}
