// What the planner must not call a change: a different spelling of the same billing contact, a
// declared customer outside the selection, and an accepted state difference it silently dropped.
import { describe, expect, it } from "vitest";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const doc = (name: string, extra = "") => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: AP@${name}.com, firstName: Ada, lastName: L, phone: "+1 425 555 0100", address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
${extra}`;

describe("no false drift", () => {
  it("compares billing emails case-insensitively and phones by their digits", async () => {
    const estate = await estateFromYaml(doc("spell"));
    const billing = {
      email: "ap@spell.com",
      firstName: "Ada",
      lastName: "L",
      phone: "+14255550100",
      culture: "en-US",
      language: "en",
    };
    expect(
      planChanges(estate, actualEstate([actualCustomer({ domain: "spell.onmicrosoft.com", billing })]), { now: NOW })
        .steps,
    ).toEqual([]);
    const moved = planChanges(
      estate,
      actualEstate([
        actualCustomer({ domain: "spell.onmicrosoft.com", billing: { ...billing, email: "old@spell.com" } }),
      ]),
      { now: NOW },
    );
    expect(moved.steps.map((s) => [s.action, s.changedFields])).toEqual([["update-customer", ["billing.email"]]]);
  });

  it("with --all and a selection, declared customers outside the selection are not unmanaged", async () => {
    const estate = await estateFromYaml(`${doc("one")}---\n${doc("two")}`);
    const actual = actualEstate([
      actualCustomer({ domain: "one.onmicrosoft.com" }),
      actualCustomer({ domain: "two.onmicrosoft.com" }),
      actualCustomer({ domain: "stranger.onmicrosoft.com" }),
    ]);
    const selected = { customers: estate.customers.filter((c) => c.name === "one") };
    const plan = planChanges(selected, actual, {
      now: NOW,
      reportUnmanagedCustomers: true,
      declaredElsewhere: estate.customers,
    });
    expect(plan.findings.filter((f) => f.kind === "unmanaged").map((f) => f.address)).toEqual([
      "customer:stranger.onmicrosoft.com",
    ]);
  });

  it("an ignored state difference is reported as accepted, not hidden", async () => {
    const estate = await estateFromYaml(
      doc(
        "ignore",
        `  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10 }
  policy:
    ignore: [{ path: "subscriptions[bp].state", reason: customer paused it during an audit }]
`,
      ),
    );
    const suspended = actualSubscription({
      id: "s1",
      offerId: "CFQ7TTC0LCHC:0002",
      status: "suspended",
      autoRenew: false,
    });
    const plan = planChanges(
      estate,
      actualEstate([actualCustomer({ domain: "ignore.onmicrosoft.com", subscriptions: [suspended] })]),
      { now: NOW },
    );
    // nothing at all: not the reactivation, nor the auto-renew that stays off while suspended (R-SUS-3)
    expect(plan.steps).toEqual([]);
    expect(plan.findings.filter((f) => f.kind === "accepted").map((f) => f.detail?.field)).toContain("state");
  });
});
