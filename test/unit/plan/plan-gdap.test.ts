import { describe, expect, it } from "vitest";
import { roleTemplateId } from "../../../core/entra-roles.js";
import type { ActualGdapRelationship } from "../../../reconciler/read/actual-estate.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan, PlanStep } from "../../../reconciler/plan/plan.js";
import { actualCustomer, actualEstate, estateFromYaml } from "../../helpers/estate-fixtures.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const DOMAIN = "contoso.onmicrosoft.com";
const GROUP = "5c1d2a4e-3b7f-4e21-9d0a-6f8e2b1c4d77";
const USER_ADMIN = roleTemplateId("User Administrator")!;
const LICENSE_ADMIN = roleTemplateId("License Administrator")!;
const READER = roleTemplateId("Directory Readers")!;

function yaml(gdap: string, users = ""): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: contoso }
spec:
  company: { name: Contoso, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing:
    email: ap@contoso.com
    firstName: Ada
    lastName: Lovelace
    address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US }
  access:
    gdap:
${gdap}
${users}`;
}

const GDAP = `      displayName: Contoso managed services
      roles: [User Administrator, License Administrator]
      autoExtend: true
      accessAssignments:
        - { group: ${GROUP}, roles: [User Administrator, License Administrator] }`;
const USERS = `  users:
    - { userPrincipalName: ada@${DOMAIN}, firstName: Ada, lastName: Lovelace, usageLocation: US }`;

function relationship(overrides: Partial<ActualGdapRelationship>): ActualGdapRelationship {
  return {
    id: "rel-1",
    displayName: "Contoso managed services",
    status: "active",
    roles: [USER_ADMIN, LICENSE_ADMIN].sort(),
    autoExtend: true,
    endsAt: "2028-11-23T00:00:00Z",
    accessAssignments: [{ id: "as-1", group: GROUP, roles: [USER_ADMIN, LICENSE_ADMIN].sort(), status: "active" }],
    ...overrides,
  };
}

async function plan(gdap: ActualGdapRelationship[], users = USERS, spec = GDAP): Promise<Plan> {
  const estate = await estateFromYaml(yaml(spec, users));
  return planChanges(estate, actualEstate([actualCustomer({ domain: DOMAIN, gdap })]), { now: NOW });
}

const only = (p: Plan, action: string): PlanStep[] => p.steps.filter((s) => s.action === action);

describe("planning access.gdap", () => {
  it("creates a missing relationship, and its assignments and user steps wait for the customer's approval", async () => {
    const p = await plan([]);
    const [create] = only(p, "create-gdap");
    expect(create).toMatchObject({
      status: "ready",
      reason: "missing_in_partner_center",
      address: "customer:contoso/gdap:Contoso managed services",
      after: { duration: "P730D", autoExtend: true },
    });
    expect([...(create!.after!.roles as string[])].sort()).toEqual(["License Administrator", "User Administrator"]);
    const [assign] = only(p, "assign-gdap");
    expect(assign).toMatchObject({ status: "waiting", dependsOn: [create!.id] });
    const [user] = only(p, "create-user");
    expect(user).toMatchObject({ status: "waiting" });
    expect(user!.dependsOn).toContain(create!.id);
    expect(p.steps.indexOf(create!)).toBeLessThan(p.steps.indexOf(user!));
  });

  it("locks a created relationship, then shows its approval link as a waiting step", async () => {
    const created = await plan([relationship({ status: "created", accessAssignments: [] })]);
    expect(only(created, "create-gdap")[0]).toMatchObject({
      status: "ready",
      reason: "approval_not_requested",
      target: { relationshipId: "rel-1" },
    });
    const pending = await plan([relationship({ status: "approvalPending", accessAssignments: [] })]);
    const [waiting] = only(pending, "create-gdap");
    const link = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/rel-1";
    expect(waiting).toMatchObject({ status: "waiting", reason: "approval_pending", after: { approvalLink: link } });
    expect(waiting!.waitingFor).toContain(link);
  });

  it("plans nothing for an active relationship that matches, and lets user steps run", async () => {
    const p = await plan([relationship({})]);
    expect(p.steps.filter((s) => s.action.endsWith("-gdap"))).toEqual([]);
    expect(only(p, "create-user")[0]).toMatchObject({ status: "ready" });
  });

  it("creates a missing assignment, updates changed roles and auto-extend of an active relationship", async () => {
    const missing = await plan([relationship({ accessAssignments: [] })]);
    const [assign] = only(missing, "assign-gdap");
    expect(assign).toMatchObject({
      status: "ready",
      reason: "missing_in_partner_center",
      target: { relationshipId: "rel-1" },
    });
    // the user step's role comes from that assignment: it waits for it to be active, never blocked
    const [user] = only(missing, "create-user");
    expect(user).toMatchObject({ status: "waiting", waitingFor: expect.stringContaining("access assignments") });
    expect(user!.dependsOn).toContain(assign!.id);
    const changed = await plan([
      relationship({
        autoExtend: false,
        accessAssignments: [{ id: "as-1", group: GROUP, roles: [USER_ADMIN], status: "active" }],
      }),
    ]);
    expect(only(changed, "assign-gdap")[0]).toMatchObject({
      reason: "roles_changed",
      target: { assignmentId: "as-1" },
      before: { roles: ["User Administrator"] },
    });
    expect(only(changed, "update-gdap")[0]).toMatchObject({
      status: "ready",
      reason: "auto_extend_changed",
      after: { autoExtend: true },
    });
  });

  it("blocks a role change of an active relationship: Graph cannot change it", async () => {
    const p = await plan([relationship({ roles: [USER_ADMIN] })]);
    expect(only(p, "update-gdap")[0]).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.gdap_roles_immutable" },
    });
  });

  it("blocks user steps when no relationship grants a role that allows them, naming the roles", async () => {
    const readOnly = `      displayName: Readers
      roles: [Directory Readers]
      accessAssignments:
        - { group: ${GROUP}, roles: [Directory Readers] }`;
    const p = await plan(
      [
        relationship({
          displayName: "Readers",
          roles: [READER],
          autoExtend: false,
          accessAssignments: [{ id: "a", group: GROUP, roles: [READER], status: "active" }],
        }),
      ],
      USERS,
      readOnly,
    );
    const [user] = only(p, "create-user");
    expect(user).toMatchObject({ status: "blocked", blocked: { code: "plan.gdap_role_missing" } });
    expect(user!.blocked!.message).toContain("User Administrator");
  });

  it("does not count a terminated or expired relationship as the declared one", async () => {
    const p = await plan([relationship({ status: "terminated" }), relationship({ id: "rel-2", status: "expired" })]);
    expect(only(p, "create-gdap")[0]).toMatchObject({ status: "ready", reason: "missing_in_partner_center" });
    expect(only(p, "create-user")[0]).toMatchObject({ status: "waiting" });
  });

  it("plans no GDAP step when the relationships could not be read", async () => {
    const p = await plan(null as unknown as ActualGdapRelationship[]);
    expect(p.steps.filter((s) => s.action.endsWith("-gdap"))).toEqual([]);
    expect(p.findings.some((f) => f.kind === "unknown" && f.address === "customer:contoso/gdap")).toBe(true);
  });
});
