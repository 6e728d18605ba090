// The estate change that accepts what Partner Center holds: a YAML fragment to write, or the
// policy.ignore rule that accepts a difference without declaring it. Every value in it (Partner
// Center's text included) is written by the `yaml` library, so the fragment reads back as that value.
import { stringify } from "yaml";
import { findLicenseSku } from "../../core/catalog.js";

/** `subscriptions[bp].quantity`, `users[ada@x].firstName`, `billing.email`: the ignore path of a field. */
export function ignorePath(address: string, field: string): string {
  const subscription = /\/subscription:([^/]+)$/.exec(address);
  if (subscription) return `subscriptions[${subscription[1]}].${field}`;
  const user = /\/user:([^/]+)$/.exec(address);
  if (user) return `users[${user[1]}].${field}`;
  const consent = /\/consent:([^/]+)$/.exec(address);
  if (consent) return `consents[${consent[1]}].${field}`;
  return field;
}

/**
 * `value` as one line of YAML, written by the `yaml` library (collections in flow style). A value it
 * would spread over lines (text with a line break) is written double-quoted instead.
 */
export function yamlValue(value: unknown): string {
  const options = { collectionStyle: "flow", lineWidth: 0 } as const;
  const text = stringify(value ?? null, options).trimEnd();
  return text.includes("\n") ? stringify(value, { ...options, defaultStringType: "QUOTE_DOUBLE" }).trimEnd() : text;
}

/** Declare what Partner Center holds for each changed field. */
export function acceptChanged(
  address: string,
  fields: readonly string[],
  actual: Record<string, unknown> | null,
): string {
  const consent = /\/consent:([^/]+)$/.exec(address);
  const lines = consent
    ? ["access:", "  consents:", `    - ${yamlValue({ applicationId: consent[1], scopes: actual?.scopes ?? [] })}`]
    : fields.map((field) => declaredLine(field, actual));
  const ignore = fields.map(
    (f) => `  - ${yamlValue({ path: ignorePath(address, f), reason: "…", until: "YYYY-MM-DD" })}`,
  );
  return [...lines, "# or accept the difference for a while:", "policy:", "  ignore:", ...ignore].join("\n");
}

const QUALIFICATIONS: Record<string, string> = {
  education: "education",
  governmentcommunitycloud: "government",
  nonprofit: "nonprofit",
};

/** What Partner Center holds for one changed field, written the way the estate declares it. */
function declaredLine(field: string, actual: Record<string, unknown> | null): string {
  const key = field.replace(/^billing\.|^company\./, "");
  const value = actual?.[key];
  if (field.startsWith("billing.")) return `billing: ${yamlValue({ [key]: value ?? null })}`;
  if (field === "company.qualification") {
    const held = Array.isArray(actual?.qualifications)
      ? actual.qualifications.map((q) => QUALIFICATIONS[String(q).toLowerCase()]).filter(Boolean)
      : [];
    return `company: ${yamlValue({ qualification: held[0] ?? "commercial" })}`;
  }
  // expired, disabled and deleted are Partner Center's ends of a term, never declared states (R-SUS-5)
  if (field === "state" && !["active", "suspended", "cancelled"].includes(String(value)))
    return `# the subscription has ended (${String(value)}): remove it from the estate, or declare a new one under another name to buy again`;
  if (field === "disabledPlans") return `disabledPlans: ${yamlValue(planNames(actual))}`;
  if (field === "trial")
    return value === true
      ? "trial: { convert: auto }   # keep it a trial until it converts"
      : "# remove trial: (it is paid now)";
  return `${key}: ${yamlValue(value)}`;
}

/** Partner Center lists disabled service plans by id; the estate names them (TEAMS1). */
function planNames(actual: Record<string, unknown> | null): string[] {
  const ids = Array.isArray(actual?.disabledPlans) ? actual.disabledPlans.map(String) : [];
  const sku = typeof actual?.skuPartNumber === "string" ? findLicenseSku(actual.skuPartNumber) : undefined;
  return ids.map((id) => sku?.servicePlans.find((p) => p.id.toLowerCase() === id.toLowerCase())?.name ?? id).sort();
}

/** Declare an undeclared object so the estate owns it. */
export function acceptUnmanaged(address: string, detail: Record<string, unknown> | undefined): string {
  const d = detail ?? {};
  if (/\/license:skuid:/.test(address))
    return `licenses:\n  - sku: ${yamlValue(`<skuPartNumber of ${String(d.skuId ?? "")}>`)}\n# or remove it: policy.prune.licenses: true`;
  if (/\/subscription:/.test(address)) {
    const subscription: Record<string, unknown> = { name: "<name>" };
    for (const k of ["offer", "term", "billing", "quantity"]) subscription[k] = d[k] ?? null;
    if (d.state === "suspended") subscription.state = "suspended";
    if (d.friendlyName) subscription.friendlyName = d.friendlyName;
    return `subscriptions:\n  - ${yamlValue(subscription)}\n# or cancel it within its window: policy.prune.subscriptions: true`;
  }
  const user = /\/user:([^/]+)$/.exec(address);
  if (user)
    return `users:\n  - ${yamlValue({ userPrincipalName: user[1], firstName: "<first>", lastName: "<last>" })}\n# or disable it: policy.prune.users: true`;
  return `# declare it: cspctl import --tenant ${yamlValue(String(d.domain ?? address.replace(/^customer:/, "")))} --out <dir>`;
}
