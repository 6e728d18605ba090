// access: the GDAP relationship and application consents a customer declares. Refuses what Microsoft
// refuses (Microsoft Graph docs: delegatedAdminRelationship; GDAP FAQ): roles that are not Entra
// built-in roles, durations outside P1D–P730D, Global Administrator with auto-extend, assignments
// with roles the relationship does not ask for; and what cannot be reconciled (one assignment per
// group, one consent per application).
import { ENTRA_ROLE_NAMES, GLOBAL_ADMINISTRATOR, roleName, roleTemplateId } from "../../../core/entra-roles.js";
import { didYouMean } from "../did-you-mean.js";
import { spanIn, type CheckContext, type MergedCustomer } from "./context.js";

const MAX_GDAP_DAYS = 730;

export function checkAccess(customer: MergedCustomer, context: CheckContext): void {
  const access = customer.spec.access;
  if (access === undefined) return;
  const { sink } = context;
  const at = (node: object, key?: string | number, part: "key" | "value" = "value") =>
    spanIn(context, customer.document, node, key, part);
  const gdap = access.gdap;
  if (gdap !== undefined) {
    const resolve = (list: string[]): (string | undefined)[] =>
      list.map((name, i) => {
        const id = roleTemplateId(name);
        if (id === undefined)
          sink.error(
            "estate.unknown_gdap_role",
            `"${name}" is not a Microsoft Entra built-in role`,
            at(list, i),
            didYouMean(
              name,
              ENTRA_ROLE_NAMES,
              "use a built-in role name from data/entra-roles.json; custom roles cannot be delegated",
            ),
          );
        return id;
      });
    const roles = new Set(resolve(gdap.roles).filter((id): id is string => id !== undefined));
    const days = gdap.duration === undefined ? MAX_GDAP_DAYS : Number(gdap.duration.slice(1, -1));
    if (days < 1 || days > MAX_GDAP_DAYS)
      sink.error(
        "estate.gdap_duration_out_of_range",
        `a GDAP relationship lasts P1D to P${MAX_GDAP_DAYS}D, not ${gdap.duration}`,
        at(gdap, "duration"),
        `choose a duration from P1D to P${MAX_GDAP_DAYS}D (two years); use autoExtend to keep it beyond`,
      );
    if (gdap.autoExtend === true && roles.has(GLOBAL_ADMINISTRATOR))
      sink.error(
        "estate.gdap_global_admin_auto_extend",
        `a relationship with ${roleName(GLOBAL_ADMINISTRATOR)} cannot be auto-extended`,
        at(gdap, "autoExtend"),
        `remove autoExtend, or move ${roleName(GLOBAL_ADMINISTRATOR)} to a second, short relationship`,
      );
    const groups = new Set<string>();
    for (const assignment of gdap.accessAssignments ?? []) {
      const group = assignment.group.toLowerCase();
      if (groups.has(group))
        sink.error(
          "estate.duplicate_gdap_group",
          `security group ${assignment.group} has two access assignments`,
          at(assignment, "group"),
          "list each group once, with all the roles it gets",
        );
      groups.add(group);
      resolve(assignment.roles).forEach((id, i) => {
        if (id !== undefined && roles.size > 0 && !roles.has(id))
          sink.error(
            "estate.gdap_role_not_in_relationship",
            `access assignment role "${assignment.roles[i]}" is not one of the relationship's roles`,
            at(assignment.roles, i),
            `add "${roleName(id)}" to access.gdap.roles, or remove it from this assignment`,
          );
      });
    }
  }
  const applications = new Set<string>();
  for (const consent of access.consents ?? []) {
    const id = consent.applicationId.toLowerCase();
    if (applications.has(id))
      sink.error(
        "estate.duplicate_consent",
        `application ${consent.applicationId} is consented twice`,
        at(consent, "applicationId"),
        "list each application once, with all its scopes",
      );
    applications.add(id);
  }
}
