import { describe, expect, it } from "vitest";
import { renderPlan, summaryLine } from "../../../reconciler/render/plan/plan-renderer.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const yaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: fabrikam }
spec:
  company: { name: Fabrikam, domain: fabrikam.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@fabrikam.com, firstName: Ada, lastName: L, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 2 }
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 9, state: suspended }
`;

async function samplePlan(): Promise<Plan> {
  const customer = actualCustomer({
    domain: "fabrikam.onmicrosoft.com",
    billing: {
      email: "ap@fabrikam.com",
      firstName: "Ada",
      lastName: "L",
      phone: null,
      culture: "en-US",
      language: "en",
    },
    subscriptions: [
      actualSubscription({ id: "s1", offerId: "CFQ7TTC0LH16:0001", quantity: 5, refundableQuantity: 0 }),
      actualSubscription({ id: "s2", offerId: "CFQ7TTC0LCHC:0002", quantity: 9 }),
    ],
  });
  return planChanges(await estateFromYaml(yaml), actualEstate([customer]), { now: new Date("2026-11-23T00:00:00Z") });
}

describe("renderPlan", () => {
  it("renders markers, before → after, blocked reasons with hints, and the summary line", async () => {
    const text = renderPlan(await samplePlan(), { color: false });
    expect(text).toBe(`customer:fabrikam
  - suspend customer:fabrikam/subscription:bp (declared_suspended) (needs --allow-destructive)
      state: "active" → "suspended"
  ! resize customer:fabrikam/subscription:exo (quantity_decrease) [blocked]
      quantity: 5 → 2
      plan.decrease_outside_window: removing 3 seat(s) needs them to be within the 7-day window (NCE-RULES R-QTY-3); Partner Center allows 0 now
      hint: keep quantity: 5 and set renewal: { quantity: 2 } to shrink at renewal (term ends 2027-11-01), or set autoRenew: false

Plan: 1 to suspend, 1 blocked.
`);
  });

  it("is rendered from the JSON alone and colours only when asked", async () => {
    const plan = await samplePlan();
    const fromJson = JSON.parse(JSON.stringify(plan)) as Plan;
    expect(renderPlan(fromJson, { color: false })).toBe(renderPlan(plan, { color: false }));
    expect(renderPlan(plan, { color: false })).not.toContain("\u001b[");
    expect(renderPlan(plan, { color: true })).toContain("\u001b[31m- suspend\u001b[0m");
  });

  it("says so when there is nothing to do", async () => {
    const plan = await samplePlan();
    expect(
      summaryLine({
        ...plan,
        steps: [],
        summary: { byAction: {}, ready: 0, blocked: 0, waiting: 0, observe: 0, destructive: 0 },
      }),
    ).toBe("No changes. Partner Center matches the estate.");
  });

  it("never says 'No changes' over a state it could not read, and counts observe-mode steps apart", async () => {
    const plan = await samplePlan();
    const empty = { byAction: {}, ready: 0, blocked: 0, waiting: 0, observe: 0, destructive: 0 };
    const unread = {
      ...plan,
      steps: [],
      summary: empty,
      findings: [{ kind: "unknown" as const, address: "customer:fabrikam", message: "could not be read: 401" }],
    };
    expect(summaryLine(unread)).toBe(
      "No changes planned, but 1 part(s) could not be read: Partner Center may still differ from the estate.",
    );
    const observed = {
      ...plan,
      steps: plan.steps.map((s) => ({ ...s, status: "observe" as const })),
      summary: { ...empty, observe: 2 },
    };
    expect(summaryLine(observed)).toBe(
      "No changes to apply. 2 step(s) of customers in observe mode are reported, never applied.",
    );
  });

  it("shows what a waiting step waits for", async () => {
    const plan = await samplePlan();
    const step = { ...plan.steps[0]!, status: "waiting" as const, waitingFor: "order o1, still provisioning" };
    const text = renderPlan(
      { ...plan, steps: [step], summary: { ...plan.summary, ready: 0, blocked: 0, waiting: 1 } },
      { color: false },
    );
    expect(text).toContain("[waiting]");
    expect(text).toContain("      waits for order o1, still provisioning");
    expect(text).toContain("Plan: 1 waiting.");
  });
});
