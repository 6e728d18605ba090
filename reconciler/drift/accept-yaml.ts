// The estate change that accepts what Partner Center holds: a YAML fragment to write, or the
// policy.ignore rule that accepts a difference without declaring it.
import { findLicenseSku } from "../../core/catalog.js";

/** `subscriptions[bp].quantity`, `users[ada@x].firstName`, `billing.email`: the ignore path of a field. */
function ignorePath(address: string, field: string): string {
  const subscription = /\/subscription:([^/]+)$/.exec(address);
  if (subscription) return `subscriptions[${subscription[1]}].${field}`;
  const user = /\/user:([^/]+)$/.exec(address);
  if (user) return `users[${user[1]}].${field}`;
  return field;
}

function yamlValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string")
    return /^[A-Za-z0-9_.@:+-][A-Za-z0-9_.@:+ -]*$/.test(value) &&
      !/^(true|false|null|yes|no|on|off|~|[0-9.+-].*)$/i.test(value)
      ? value
      : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Declare what Partner Center holds for each changed field. */
export function acceptChanged(
  address: string,
  fields: readonly string[],
  actual: Record<string, unknown> | null,
): string {
  const lines = fields.map((field) => declaredLine(field, actual));
  const ignore = fields.map(
    (f) => `  - { path: ${JSON.stringify(ignorePath(address, f))}, reason: "…", until: YYYY-MM-DD }`,
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
  if (field.startsWith("billing.")) return `billing: { ${key}: ${yamlValue(value)} }`;
  if (field === "company.qualification") {
    const held = Array.isArray(actual?.qualifications)
      ? actual.qualifications.map((q) => QUALIFICATIONS[String(q).toLowerCase()]).filter(Boolean)
      : [];
    return `company: { qualification: ${held[0] ?? "commercial"} }`;
  }
  // expired, disabled and deleted are Partner Center's ends of a term, never declared states (R-SUS-5)
  if (field === "state" && !["active", "suspended", "cancelled"].includes(String(value)))
    return `# the subscription has ended (${String(value)}): remove it from the estate, or declare a new one under another name to buy again`;
  if (field === "disabledPlans") return `disabledPlans: [${planNames(actual).join(", ")}]`;
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
  return ids
    .map((id) => sku?.servicePlans.find((p) => p.id.toLowerCase() === id.toLowerCase())?.name ?? id)
    .map(yamlValue)
    .sort();
}

/** Declare an undeclared object so the estate owns it. */
export function acceptUnmanaged(address: string, detail: Record<string, unknown> | undefined): string {
  const d = detail ?? {};
  if (/\/license:skuid:/.test(address))
    return `licenses:\n  - sku: <skuPartNumber of ${String(d.skuId ?? "")}>\n# or remove it: policy.prune.licenses: true`;
  if (/\/subscription:/.test(address)) {
    const fields = ["offer", "term", "billing", "quantity"].map((k) => `${k}: ${yamlValue(d[k])}`).join(", ");
    return `subscriptions:\n  - { name: <name>, ${fields}${d.state === "suspended" ? ", state: suspended" : ""}${d.friendlyName ? `, friendlyName: ${yamlValue(d.friendlyName)}` : ""} }\n# or cancel it within its window: policy.prune.subscriptions: true`;
  }
  const user = /\/user:([^/]+)$/.exec(address);
  if (user)
    return `users:\n  - { userPrincipalName: ${user[1]}, firstName: <first>, lastName: <last> }\n# or disable it: policy.prune.users: true`;
  return `# declare it: cspctl import --tenant ${String(d.domain ?? address.replace(/^customer:/, ""))} --out <dir>`;
}
