// Microsoft Entra built-in roles by name and template id (data/entra-roles.json, from Microsoft's
// "Microsoft Entra built-in roles" page), and the least-privileged roles each cspctl operation in a
// customer tenant needs under GDAP (Microsoft's "least privileged roles by task" page).
import rolesData from "../data/entra-roles.json" with { type: "json" };

/** What cspctl does in a customer tenant, each needing one of a few GDAP roles. */
export type GdapOperation =
  | "user.read"
  | "user.write"
  | "licence.read"
  | "licence.assign"
  | "consent.read"
  | "consent.grant";

export const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(rolesData.roles).map(([name, id]) => [name.toLowerCase(), id]),
);
const BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(rolesData.roles).map(([name, id]) => [id, name]));

/** Every built-in role name, as Microsoft writes it. */
export const ENTRA_ROLE_NAMES: readonly string[] = Object.keys(rolesData.roles);

/** The template id of a built-in role named `name` (any case), or of a template id given as is; undefined when unknown. */
export function roleTemplateId(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  return BY_NAME.get(key) ?? (BY_ID.has(key) ? key : undefined);
}

/** The display name of a role template id; the id itself when it is not a built-in role cspctl knows. */
export function roleName(templateId: string): string {
  return BY_ID.get(templateId.toLowerCase()) ?? templateId;
}

/** The template ids of the roles any one of which allows `operation`. */
export function rolesFor(operation: GdapOperation): string[] {
  return rolesData.operations[operation].roles.map((name) => BY_NAME.get(name.toLowerCase())!);
}

/** The names of the roles any one of which allows `operation`, for messages. */
export function roleNamesFor(operation: GdapOperation): string[] {
  return [...rolesData.operations[operation].roles];
}

/** True when `granted` (template ids) includes a role that allows `operation`. */
export function grants(granted: Iterable<string>, operation: GdapOperation): boolean {
  const wanted = new Set(rolesFor(operation));
  for (const id of granted) if (wanted.has(id.toLowerCase())) return true;
  return false;
}
