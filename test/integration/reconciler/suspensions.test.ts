// A subscription the partner suspended and one Microsoft suspended, seeded into the emulator: the
// client reads why (suspensionReasons), what the partner may do (actions) and the entitlement; the
// plan reactivates only the partner's own suspension; and the emulator refuses the other, as
// Partner Center does.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { createClient, PartnerCenterError, type CspClient } from "../../../client/index.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const BP = "CFQ7TTC0LCHC:0002";
const EXO = "CFQ7TTC0LH16:0001";
const tenantId = randomUUID();
const ids = { partner: randomUUID(), microsoft: randomUUID(), active: randomUUID() };
let emulator: TestEmulator;
let client: CspClient;

beforeAll(async () => {
  emulator = await startEmulator();
  client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [
          {
            tenantId,
            companyName: "Suspensions",
            domain: "suspensions.onmicrosoft.com",
            country: "US",
            subscriptions: [
              {
                id: ids.partner,
                offerId: BP,
                quantity: 2,
                termDuration: "P1Y",
                billingCycle: "monthly",
                status: "suspended",
              },
              {
                id: ids.microsoft,
                offerId: EXO,
                quantity: 2,
                termDuration: "P1Y",
                billingCycle: "monthly",
                status: "suspended",
                suspensionReasons: ["CreditCheck"],
              },
              {
                id: ids.active,
                offerId: "CFQ7TTC0LH18:0001",
                quantity: 1,
                termDuration: "P1Y",
                billingCycle: "monthly",
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

describe("suspensions", () => {
  it("reads why a subscription is suspended, what the partner may do, and its entitlement", async () => {
    const byId = new Map((await client.partnerCenter.subscriptions.list(tenantId)).map((s) => [s.id, s]));
    expect(byId.get(ids.partner)).toMatchObject({
      status: "suspended",
      suspensionReasons: ["CustomerCancellation"],
      entitlementId: ids.partner,
      actions: expect.arrayContaining(["Edit"]),
    });
    expect(byId.get(ids.microsoft)).toMatchObject({
      status: "suspended",
      suspensionReasons: ["CreditCheck"],
      actions: [],
    });
    expect(byId.get(ids.active)).toMatchObject({ status: "active", actions: ["Cancel", "Edit"] });
    expect(byId.get(ids.active)?.suspensionReasons).toBeUndefined();
  });

  it("plans the reactivation of the partner's suspension only; Microsoft's is a blocked step", async () => {
    const estate = await estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: suspensions }
spec:
  company: { name: Suspensions, domain: suspensions.onmicrosoft.com, country: US }
  tenant: { mode: link }
  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2, autoRenew: false }
    - { name: exo, offer: ${EXO}, term: P1Y, billing: monthly, quantity: 2, autoRenew: false }
    - { name: basic, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 1 }
`);
    const { plan } = await planEstate(client, estate, {
      now: async () => new Date((await emulator.control.clock()).now),
    });
    const reactivations = plan.steps
      .filter((s) => s.action === "reactivate")
      .map((s) => [s.address, s.status, s.blocked?.code]);
    expect(reactivations).toEqual([
      ["customer:suspensions/subscription:bp", "ready", undefined],
      ["customer:suspensions/subscription:exo", "blocked", "plan.suspended_by_microsoft"],
    ]);
    expect(plan.steps.find((s) => s.status === "blocked")?.blocked?.message).toContain("CreditCheck");
  });

  it("the emulator refuses a partner's reactivation of Microsoft's suspension, and records the partner's own", async () => {
    const refused = await client.partnerCenter.subscriptions
      .update(tenantId, ids.microsoft, { status: "active" })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PartnerCenterError);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining("suspended by Microsoft") });
    await client.partnerCenter.subscriptions.update(tenantId, ids.active, { status: "suspended" });
    expect(await client.partnerCenter.subscriptions.get(tenantId, ids.active)).toMatchObject({
      status: "suspended",
      suspensionReasons: ["CustomerCancellation"],
    });
    await client.partnerCenter.subscriptions.update(tenantId, ids.active, { status: "active" });
    expect((await client.partnerCenter.subscriptions.get(tenantId, ids.active)).suspensionReasons).toBeUndefined();
  });
});
