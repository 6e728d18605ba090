// Customer-level rules: tenant mode vs billing, initial domain, states, sales reps.
import { spanIn, type CheckContext, type MergedCustomer } from "./context.js";

/** Countries whose addresses need a state or province (Partner Center address validation). */
const COUNTRIES_WITH_STATES: ReadonlySet<string> = new Set(["US", "CA", "AU", "BR", "IN", "MX"]);
const MAX_SALES_REPS = 3;
const INITIAL_DOMAIN = /^([a-z0-9]+)\.onmicrosoft\.com$/;

export function checkCustomer(customer: MergedCustomer, context: CheckContext): void {
  const { sink } = context;
  const { spec, document } = customer;
  const at = (node: object, key?: string, part: "key" | "value" = "value") =>
    spanIn(context, document, node, key, part);

  if (spec.tenant.mode === "create") {
    if (spec.billing === undefined) {
      sink.error(
        "estate.billing_required",
        "tenant.mode create needs a billing profile",
        at(spec.tenant, "mode"),
        "add billing: with email, firstName, lastName and address, or use mode: link",
      );
    }
    if (spec.tenant.id !== undefined) {
      sink.error(
        "estate.tenant_id_with_create",
        "tenant.id names an existing tenant, but mode is create",
        at(spec.tenant, "id", "key"),
        "use mode: link for an existing tenant, or remove id",
      );
    }
    const match = INITIAL_DOMAIN.exec(spec.company.domain);
    if (match === null) {
      sink.error(
        "estate.invalid_initial_domain",
        `a new tenant's domain must be <letters and digits>.onmicrosoft.com, not "${spec.company.domain}"`,
        at(spec.company, "domain"),
        "choose an initial domain such as contoso.onmicrosoft.com (R-DOM-1, R-DOM-2)",
      );
    } else if (match[1]!.length > 27) {
      sink.warning(
        "estate.initial_domain_length",
        `the domain prefix "${match[1]}" has ${match[1]!.length} characters; Partner Center reportedly allows 27`,
        at(spec.company, "domain"),
        "shorten the prefix to 27 characters (R-DOM-2, unconfirmed)",
      );
    }
  }

  const address = spec.billing?.address;
  if (address !== undefined && COUNTRIES_WITH_STATES.has(address.country) && address.state === undefined) {
    sink.error(
      "estate.state_required",
      `addresses in ${address.country} need a state`,
      at(spec.billing!, "address", "key"),
      "add state: (the state or province code, e.g. WA)",
    );
  }

  const company = spec.company;
  if (company.qualification === "government" && company.validationCode === undefined) {
    sink.error(
      "estate.qualification_detail_missing",
      "qualification government needs the Government Community Cloud validation code Microsoft approved",
      at(company, "qualification"),
      'add company.validationCode: "<code>" (Partner Center lists a partner\'s codes at GET /customers/all/validations)',
    );
  }
  for (const [key, kind] of [
    ["validationCode", "government"],
    ["educationSegment", "education"],
  ] as const) {
    if (company[key] !== undefined && company.qualification !== kind)
      sink.error(
        "estate.qualification_detail_unused",
        `company.${key} is only sent with qualification ${kind}, not ${company.qualification ?? "commercial"}`,
        at(company, key, "key"),
        `set qualification: ${kind}, or remove ${key}`,
      );
  }

  const reps = spec.salesReps ?? [];
  if (reps.length > MAX_SALES_REPS) {
    sink.error(
      "estate.too_many_sales_reps",
      `${reps.length} sales reps after merging profiles; at most ${MAX_SALES_REPS} are allowed`,
      at(spec, "salesReps", "key"),
      "keep the three main contacts",
    );
  }
}
