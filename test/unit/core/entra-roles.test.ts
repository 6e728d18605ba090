import { describe, expect, it } from "vitest";
import rolesData from "../../../data/entra-roles.json" with { type: "json" };
import {
  ENTRA_ROLE_NAMES,
  GLOBAL_ADMINISTRATOR,
  grants,
  roleName,
  roleNamesFor,
  rolesFor,
  roleTemplateId,
  type GdapOperation,
} from "../../../core/entra-roles.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPERATIONS: GdapOperation[] = [
  "user.read",
  "user.write",
  "licence.read",
  "licence.assign",
  "consent.read",
  "consent.grant",
];

describe("Entra built-in roles", () => {
  it("records where the table comes from, and every template id is a distinct lower-case GUID", () => {
    expect(rolesData.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    const ids = Object.values(rolesData.roles);
    expect(ids.every((id) => GUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves names in any case and template ids to the template id Microsoft documents", () => {
    expect(roleTemplateId("User Administrator")).toBe("fe930be7-5e62-47db-91af-98c3a49a38b1");
    expect(roleTemplateId("license administrator")).toBe("4d6ac14f-3453-41d0-bef9-a3e0c569773a");
    expect(roleTemplateId("Global Administrator")).toBe(GLOBAL_ADMINISTRATOR);
    expect(roleTemplateId("29232CDF-9323-42fd-ade2-1d097af3e4de")).toBe("29232cdf-9323-42fd-ade2-1d097af3e4de");
    expect(roleTemplateId("User Admin")).toBeUndefined();
    expect(roleName("729827e3-9c14-49f7-bb1b-9608f156bbb8")).toBe("Helpdesk Administrator");
    expect(roleName("00000000-0000-0000-0000-000000000000")).toBe("00000000-0000-0000-0000-000000000000");
  });

  it("names, for each operation, only roles of the table", () => {
    for (const operation of OPERATIONS) {
      expect(roleNamesFor(operation).every((name) => ENTRA_ROLE_NAMES.includes(name))).toBe(true);
      expect(rolesFor(operation).every((id) => GUID.test(id))).toBe(true);
    }
  });

  it("grants an operation only through one of its least-privileged roles", () => {
    const licence = roleTemplateId("License Administrator")!;
    expect(grants([licence], "licence.assign")).toBe(true);
    expect(grants([licence], "user.write")).toBe(false);
    expect(grants([roleTemplateId("User Administrator")!], "user.write")).toBe(true);
    expect(grants([roleTemplateId("Cloud Application Administrator")!], "consent.grant")).toBe(true);
    expect(grants([], "user.read")).toBe(false);
  });
});
