// access.consents end to end on the emulator (real HTTP, real MSAL): a customer that has granted the
// partner no role cannot be read or consented; the consent waits for the declared GDAP relationship
// (Cloud Application Administrator) to be approved and assigned; then apply grants it through Partner
// Center and reads it back from the customer tenant's Graph; changed scopes are re-granted; a
// consent declared revoked is removed only with --allow-destructive. Drift shows each difference.
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

const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const tenantId = randomUUID();
const domain = "consentco.onmicrosoft.com";

let emulator: TestEmulator;
let client: CspClient;
let app: string;
beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  app = emulator.env.CSPCTL_CLIENT_ID!.toLowerCase();
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
        customers: [{ tenantId, companyName: "Consent Co", domain, country: "US", gdap: false }],
      },
    ],
  });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const estate = (consent: string): Promise<DesiredEstate> =>
  estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: consentco }
spec:
  company: { name: Consent Co, domain: ${domain}, country: US }
  tenant: { mode: link, id: ${tenantId} }
  access:
    gdap:
      displayName: Consent Co applications
      roles: [Cloud Application Administrator]
      duration: P365D
      accessAssignments:
        - { group: ${GROUP}, roles: [Cloud Application Administrator] }
    consents:
      - { applicationId: ${app}, displayName: Partner monitoring, ${consent} }
`);

const now = async () => new Date((await emulator.control.clock()).now);
const plan = async (e: DesiredEstate): Promise<Plan> => (await planEstate(client, e, { now })).plan;
const statuses = (p: Plan) => p.steps.map((s) => `${s.action} ${s.status}`);
const outcomes = async (p: Plan, e: DesiredEstate, allowDestructive = false) =>
  (await applyPlan(p, { client, estate: e, allowDestructive })).outcomes.map((o) => `${o.action} ${o.outcome}`);
const granted = async () => client.graph.applicationConsents.list(tenantId, [app]);

describe("application consent through plan and apply", () => {
  it("waits for GDAP, grants, reads back, changes scopes and removes on request", async () => {
    const e = await estate("scopes: [User.Read.All, Reports.Read.All]");
    const first = await plan(e);
    expect(statuses(first)).toEqual(["create-gdap ready", "assign-gdap waiting", "create-consent waiting"]);
    expect(first.steps[2]!.dependsOn).toContain(first.steps[0]!.id);
    expect(await outcomes(first, e)).toEqual(["create-gdap applied", "assign-gdap waiting", "create-consent waiting"]);

    const relationshipId = (await plan(e)).steps[0]!.target.relationshipId!;
    await emulator.control.gdap(relationshipId, "approve");
    await emulator.control.advanceClock("PT1M");
    const approved = await plan(e);
    expect(statuses(approved)).toEqual(["assign-gdap ready", "create-consent waiting"]);
    await outcomes(approved, e);
    await emulator.control.advanceClock("PT1M");

    // the role is granted now: the tenant's consents can be read (its users still cannot), and it has none
    const drift = await driftEstate(client, e, { now, auditDays: 0 });
    const consentFindings = drift.findings.filter((f) => f.address.includes("/consent"));
    expect(consentFindings.map((f) => `${f.category} ${f.address}`)).toEqual([
      `missing customer:consentco/consent:${app}`,
    ]);
    const ready = await plan(e);
    expect(statuses(ready)).toEqual(["create-consent ready"]);
    expect(await outcomes(ready, e)).toEqual(["create-consent applied"]);
    expect(await granted()).toEqual([
      { applicationId: app, grants: [{ resource: GRAPH, scopes: ["Reports.Read.All", "User.Read.All"] }] },
    ]);
    expect((await plan(e)).steps).toEqual([]);

    const narrower = await estate("scopes: [User.Read.All]");
    const change = await plan(narrower);
    expect(change.steps).toEqual([
      expect.objectContaining({
        action: "update-consent",
        before: { scopes: ["Reports.Read.All", "User.Read.All"] },
        status: "ready",
      }),
    ]);
    expect(await outcomes(change, narrower)).toEqual(["update-consent applied"]);
    expect((await granted())[0]!.grants).toEqual([{ resource: GRAPH, scopes: ["User.Read.All"] }]);
    expect((await plan(narrower)).steps).toEqual([]);

    const revoked = await estate("scopes: [User.Read.All], state: revoked");
    const removal = await plan(revoked);
    expect(removal.steps).toEqual([expect.objectContaining({ action: "delete-consent", protected: true })]);
    expect(await outcomes(removal, revoked)).toEqual(["delete-consent skipped"]);
    expect(await outcomes(removal, revoked, true)).toEqual(["delete-consent applied"]);
    expect(await granted()).toEqual([]);
    expect((await plan(revoked)).steps).toEqual([]);
  });
});
