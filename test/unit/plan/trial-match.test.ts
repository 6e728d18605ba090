import { describe, expect, it } from "vitest";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const DOMAIN = "trialco.onmicrosoft.com";
const yaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: trialco }
spec:
  company: { name: TrialCo, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@trialco.com, firstName: Ada, lastName: L, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 25 }
`;

describe("a running trial declared as paid", () => {
  it("is converted, never bought a second time", async () => {
    const trial = actualSubscription({
      id: "t1",
      offerId: "CFQ7TTC0LCHC:0002",
      term: "P1M",
      billing: "none",
      isTrial: true,
      quantity: 25,
    });
    const plan = planChanges(
      await estateFromYaml(yaml),
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [trial] })]),
      { now: new Date("2026-11-23T00:00:00Z") },
    );
    expect(plan.steps.map((s) => [s.action, s.reason])).toEqual([["convert-trial", "trial_declared_paid"]]);
    expect(plan.findings.filter((f) => f.kind === "unmanaged")).toEqual([]);
  });
});
