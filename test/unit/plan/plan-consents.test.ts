// Planning access.consents against what the customer tenant's Graph shows: create, update (scopes),
// delete only when declared revoked (destructive), nothing when they agree; consent needs a GDAP role
// that allows it, so the step waits for the declared relationship or is blocked; a consent that could
// not be read is unknown, never planned; drift shows each as a finding with valid suggested YAML.
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { roleTemplateId } from "../../../core/entra-roles.js";
import { findingsFromSteps } from "../../../reconciler/drift/findings-from-plan.js";
import type { ActualConsent, ActualGdapRelationship } from "../../../reconciler/read/actual-estate.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { actualCustomer, actualEstate, estateFromYaml } from "../../helpers/estate-fixtures.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const DOMAIN = "contoso.onmicrosoft.com";
const APP = "0f8a4b2c-1d3e-4f50-8a6b-7c9d0e1f2a3b";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const GROUP = "5c1d2a4e-3b7f-4e21-9d0a-6f8e2b1c4d77";
const CLOUD_APP_ADMIN = roleTemplateId("Cloud Application Administrator")!;
const USER_ADMIN = roleTemplateId("User Administrator")!;

function yaml(consent: string, gdap = ""): string {
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
    consents:
      - { applicationId: ${APP.toUpperCase()}, displayName: Partner monitoring, scopes: [User.Read.All, Reports.Read.All]${consent} }
${gdap}`;
}

const GDAP = `    gdap:
      displayName: Contoso apps
      roles: [Cloud Application Administrator]
      accessAssignments:
        - { group: ${GROUP}, roles: [Cloud Application Administrator] }`;

function relationship(roles: string[], status = "active"): ActualGdapRelationship {
  return {
    id: "rel-1",
    displayName: "Contoso apps",
    status,
    roles,
    autoExtend: false,
    endsAt: "2028-11-23T00:00:00Z",
    accessAssignments: status === "active" ? [{ id: "as-1", group: GROUP, roles, status: "active" }] : [],
  };
}

const held = (scopes: string[]): ActualConsent[] => [{ applicationId: APP, grants: [{ resource: GRAPH, scopes }] }];

async function plan(options: {
  consent?: string;
  gdapYaml?: string;
  consents?: ActualConsent[] | null;
  gdap?: ActualGdapRelationship[] | null;
  exists?: boolean;
  signedInApplication?: string;
}): Promise<Plan> {
  const estate = await estateFromYaml(yaml(options.consent ?? "", options.gdapYaml ?? ""));
  const customers =
    options.exists === false
      ? []
      : [
          actualCustomer({
            domain: DOMAIN,
            consents: options.consents === undefined ? [] : options.consents,
            gdap: options.gdap === undefined ? [relationship([CLOUD_APP_ADMIN])] : options.gdap,
          }),
        ];
  const extra = options.signedInApplication === undefined ? {} : { signedInApplication: options.signedInApplication };
  return planChanges(estate, actualEstate(customers, extra), { now: NOW });
}

const consentSteps = (p: Plan) => p.steps.filter((s) => s.action.endsWith("-consent"));

describe("planning access.consents", () => {
  it("grants a missing consent, with the application, resource and sorted scopes", async () => {
    const p = await plan({});
    expect(consentSteps(p)).toEqual([
      expect.objectContaining({
        address: `customer:contoso/consent:${APP}`,
        action: "create-consent",
        reason: "missing_in_partner_center",
        status: "ready",
        risk: "safe",
        after: {
          applicationId: APP,
          displayName: "Partner monitoring",
          resource: GRAPH,
          scopes: ["Reports.Read.All", "User.Read.All"],
        },
        target: expect.objectContaining({ applicationId: APP }),
      }),
    ]);
  });

  it("plans nothing when the tenant holds the declared scopes (any case, any order)", async () => {
    const p = await plan({ consents: held(["reports.read.all", "User.Read.All"]) });
    expect(consentSteps(p)).toEqual([]);
  });

  it("changes the scopes when they differ, and drift suggests valid YAML or an ignore rule", async () => {
    const p = await plan({ consents: held(["User.Read.All"]) });
    const [step] = consentSteps(p);
    expect(step).toMatchObject({
      action: "update-consent",
      reason: "scopes_changed",
      before: { scopes: ["User.Read.All"] },
      changedFields: ["scopes"],
      status: "ready",
    });
    const [finding] = findingsFromSteps(p, undefined);
    expect(finding).toMatchObject({ category: "changed", address: step!.address });
    const fragment = parse(finding!.fix.yaml!) as { access: { consents: unknown[] }; policy: { ignore: unknown[] } };
    expect(fragment.access.consents).toEqual([{ applicationId: APP, scopes: ["User.Read.All"] }]);
    expect(fragment.policy.ignore).toEqual([{ path: `consents[${APP}].scopes`, reason: "…", until: "YYYY-MM-DD" }]);
  });

  it("honours a policy.ignore rule on the scopes", async () => {
    const ignore = `\n  policy:\n    ignore:\n      - { path: "consents[${APP}].scopes", reason: reviewed with the customer }`;
    const p = await plan({ consents: held(["User.Read.All"]), gdapYaml: ignore });
    expect(consentSteps(p)).toEqual([]);
    expect(p.findings).toContainEqual(
      expect.objectContaining({ kind: "accepted", address: `customer:contoso/consent:${APP}` }),
    );
  });

  it("removes a consent only when declared revoked, as a destructive step", async () => {
    const revoked = await plan({ consent: ", state: revoked", consents: held(["User.Read.All"]) });
    expect(consentSteps(revoked)).toEqual([
      expect.objectContaining({ action: "delete-consent", risk: "destructive", protected: true, status: "ready" }),
    ]);
    const gone = await plan({ consent: ", state: revoked", consents: [] });
    expect(consentSteps(gone)).toEqual([]);
  });

  it("is blocked when no GDAP relationship grants a role that allows consent", async () => {
    const p = await plan({ gdap: [relationship([USER_ADMIN])] });
    expect(consentSteps(p)[0]).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.gdap_role_missing", message: expect.stringContaining("Cloud Application Administrator") },
    });
  });

  it("is blocked when cspctl signs in as another application (Partner Center consents only the caller)", async () => {
    const other = "11111111-2222-4333-8444-555555555555";
    const [step] = consentSteps(await plan({ signedInApplication: other }));
    expect(step).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.consent_other_application", message: expect.stringContaining(other) },
    });
    expect(step!.blocked!.hint).toContain(`adminconsent?client_id=${APP}`);
    expect(consentSteps(await plan({ signedInApplication: APP }))[0]).toMatchObject({ status: "ready" });
  });

  it("waits for the declared relationship's approval when the tenant cannot be read yet", async () => {
    const p = await plan({ gdapYaml: GDAP, consents: null, gdap: [] });
    const create = p.steps.find((s) => s.action === "create-gdap")!;
    const [consent] = consentSteps(p);
    expect(consent).toMatchObject({ action: "create-consent", status: "waiting" });
    expect(consent!.dependsOn).toContain(create.id);
    expect(p.steps.indexOf(create)).toBeLessThan(p.steps.indexOf(consent!));
  });

  it("reports consents it could not read as unknown, and plans none", async () => {
    const p = await plan({ consents: null });
    expect(consentSteps(p)).toEqual([]);
    expect(p.findings).toContainEqual(
      expect.objectContaining({ kind: "unknown", address: "customer:contoso/consents" }),
    );
  });

  it("for a new customer: grants after its GDAP relationship is approved, and is blocked without one", async () => {
    const withGdap = await plan({ exists: false, gdapYaml: GDAP });
    const [consent] = consentSteps(withGdap);
    expect(consent).toMatchObject({ action: "create-consent", status: "waiting" });
    expect(consent!.dependsOn).toEqual(
      expect.arrayContaining(["customer:contoso#create-customer", expect.stringMatching(/#create-gdap$/)]),
    );
    const without = await plan({ exists: false });
    expect(consentSteps(without)[0]).toMatchObject({ status: "blocked", blocked: { code: "plan.gdap_role_missing" } });
  });
});
