// access.gdap end to end on the emulator (real HTTP, real MSAL): a customer that has granted the
// partner nothing gets its relationship created and locked by apply; the plan waits on the
// customer's approval link; the customer approves (control API, as the link would); the next apply
// creates the access assignment; then the customer's user and licence steps run.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { driftEstate } from "../../../reconciler/drift/drift-estate.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const BP = "CFQ7TTC0LCHC:0002";
const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";
const tenantId = randomUUID();
const domain = "gdapco.onmicrosoft.com";

let emulator: TestEmulator;
let client: CspClient;
beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({
    env: emulator.env,
    poll: { intervalMs: 50 },
    throttle: EMULATOR_THROTTLE,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId,
            companyName: "Gdap Co",
            domain,
            country: "US",
            gdap: false,
            subscriptions: [
              {
                id: randomUUID(),
                offerId: BP,
                quantity: 2,
                termDuration: "P1Y",
                billingCycle: "monthly",
                autoRenewEnabled: true,
                purchasedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
              },
            ],
          },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const estate = (): Promise<DesiredEstate> =>
  estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: gdapco }
spec:
  company: { name: Gdap Co, domain: ${domain}, country: US }
  tenant: { mode: link, id: ${tenantId} }
  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2 }
  users:
    - { userPrincipalName: ada@${domain}, firstName: Ada, lastName: Lovelace, usageLocation: US, licenses: [{ subscription: bp }] }
  access:
    gdap:
      displayName: Gdap Co managed services
      roles: [User Administrator, License Administrator]
      duration: P365D
      accessAssignments:
        - { group: ${GROUP}, roles: [User Administrator, License Administrator] }
`);

const plan = async (e: DesiredEstate): Promise<Plan> =>
  (await planEstate(client, e, { now: async () => new Date((await emulator.control.clock()).now) })).plan;
const statuses = (p: Plan) => p.steps.map((s) => `${s.action} ${s.status}`);

describe("GDAP through plan and apply", () => {
  it("creates the relationship, waits for approval, assigns roles, then manages users and licences", async () => {
    const e = await estate();
    const first = await plan(e);
    expect(statuses(first)).toEqual(["create-gdap ready", "assign-gdap waiting"]);
    expect(first.findings.map((f) => f.address)).toEqual(
      expect.arrayContaining(["customer:gdapco/users", "customer:gdapco/licences"]),
    );
    const created = await applyPlan(first, { client, estate: e });
    expect(created.outcomes.map((o) => [o.action, o.outcome])).toEqual([
      ["create-gdap", "applied"],
      ["assign-gdap", "waiting"],
    ]);
    expect(created.outcomes[0]!.detail!.approvalLink).toMatch(
      /^https:\/\/admin\.microsoft\.com\/AdminPortal\/Home#\/partners\/invitation\/granularAdminRelationships\//,
    );

    const waiting = await plan(e);
    const [approval] = waiting.steps;
    expect(approval).toMatchObject({ action: "create-gdap", status: "waiting", reason: "approval_pending" });
    const relationshipId = approval!.target.relationshipId!;
    expect(approval!.waitingFor).toContain(
      `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}`,
    );

    await emulator.control.gdap(relationshipId, "approve");
    await emulator.control.advanceClock("PT1M");
    const approved = await plan(e);
    expect(statuses(approved)).toEqual(["assign-gdap ready"]);
    await applyPlan(approved, { client, estate: e });
    await emulator.control.advanceClock("PT1M");

    const allowed = await plan(e);
    expect(statuses(allowed)).toEqual(["create-user ready", "assign ready"]);
    const report = await applyPlan(allowed, { client, estate: e });
    expect(report.outcomes.map((o) => [o.action, o.outcome])).toEqual([
      ["create-user", "applied"],
      ["assign", "applied"],
    ]);
    expect((await plan(e)).steps).toEqual([]);
  });

  it("a new customer gets its relationship in the same apply that creates it", async () => {
    const e = await estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: freshco }
spec:
  company: { name: Fresh Co, domain: freshgdapco.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing:
    email: ap@freshco.example
    firstName: Ada
    lastName: Lovelace
    address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US }
  access:
    gdap:
      displayName: Fresh Co managed services
      roles: [User Administrator]
      accessAssignments:
        - { group: ${GROUP}, roles: [User Administrator] }
`);
    const first = await plan(e);
    expect(statuses(first)).toEqual(["create-customer ready", "create-gdap ready", "assign-gdap waiting"]);
    expect(first.steps[1]!.dependsOn).toEqual([first.steps[0]!.id]);
    const report = await applyPlan(first, { client, estate: e, credentials: { record: () => undefined, count: 0 } });
    expect(report.outcomes.map((o) => `${o.action} ${o.outcome}`)).toEqual([
      "create-customer applied",
      "create-gdap applied",
      "assign-gdap waiting",
    ]);
    const next = await plan(e);
    expect(next.steps[0]).toMatchObject({ action: "create-gdap", status: "waiting", reason: "approval_pending" });
  });

  it("drift reports the relationship N days before it ends, then expired, by the emulator clock", async () => {
    const e = await estate();
    const gdapFindings = async (gdapExpiryDays?: number) =>
      (
        await driftEstate(client, e, {
          now: async () => new Date((await emulator.control.clock()).now),
          auditDays: 0,
          ...(gdapExpiryDays === undefined ? {} : { gdapExpiryDays }),
        })
      ).findings
        .filter((f) => f.address.includes("/gdap:"))
        .map((f) => `${f.category} ${f.id}`);
    const address = "customer:gdapco/gdap:Gdap Co managed services";
    expect(await gdapFindings()).toEqual([]);
    await emulator.control.advanceClock("P340D"); // the P365D relationship now ends in about 25 days
    expect(await gdapFindings()).toEqual([`pending pending:${address}#gdap-expiring`]);
    expect(await gdapFindings(20)).toEqual([]);
    await emulator.control.advanceClock("P30D");
    expect(await gdapFindings()).toEqual(expect.arrayContaining([`missing missing:${address}#gdap-expired`]));
  });
});
