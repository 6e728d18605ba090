// Planner rules that need Partner Center's state: the pooled seat cap (R-LIM-1, R-CUS-7), trials
// (R-TRI-2, R-TRI-3, R-TRI-5), pending orders, and subscriptions that could not be read.
import { describe, expect, it } from "vitest";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan, PlanStep } from "../../../reconciler/plan/plan.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const BP = "CFQ7TTC0LCHC:0002"; // Business Premium: at most 300 seats per tenant, pooled
const SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
const E3 = "CFQ7TTC0LFLX:0001"; // Microsoft 365 E3: no cap
const NOW = new Date("2026-11-23T12:00:00Z");
const DOMAIN = "rules.onmicrosoft.com";

function estate(subscriptions: string): Promise<Awaited<ReturnType<typeof estateFromYaml>>> {
  return estateFromYaml(`apiVersion: cspctl/v1
kind: Customer
metadata: { name: rules }
spec:
  company: { name: Rules Inc, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@rules.com, firstName: Ada, lastName: L, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
${subscriptions}`);
}

const only = (plan: Plan, action: string): PlanStep => {
  const steps = plan.steps.filter((s) => s.action === action);
  expect(steps, plan.steps.map((s) => s.id).join(", ")).toHaveLength(1);
  return steps[0]!;
};
const sku = (activeUnits: number) => ({
  skuId: SPB,
  skuPartNumber: "SPB",
  activeUnits,
  consumedUnits: 0,
  suspendedUnits: 0,
});

describe("seat cap R-LIM-1: 300 Business Premium seats per customer, pooled", () => {
  it("blocks a second subscription that takes the pool past 300", async () => {
    const desired = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 250 }
    - { name: bp-annual, offer: ${BP}, term: P1Y, billing: annual, quantity: 60 }
`);
    const have = actualSubscription({ id: "s1", offerId: BP, quantity: 250 });
    const plan = planChanges(
      desired,
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have], subscribedSkus: [sku(250)] })]),
      { now: NOW },
    );
    const create = only(plan, "create-subscription");
    expect(create.status).toBe("blocked");
    expect(create.blocked?.code).toBe("plan.seat_cap_exceeded");
    expect(create.blocked?.message).toContain("holds 250");
    expect(create.blocked?.hint).toContain("50 more fit");
  });

  it("counts seats bought through other channels (subscribed SKUs cover every channel, R-CUS-7)", async () => {
    const desired = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 120 }
`);
    const have = actualSubscription({ id: "s1", offerId: BP, quantity: 100 });
    // 100 through us, 190 through another partner: 20 more would make 310
    const plan = planChanges(
      desired,
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have], subscribedSkus: [sku(290)] })]),
      { now: NOW },
    );
    const resize = only(plan, "resize");
    expect(resize.status).toBe("blocked");
    expect(resize.blocked?.code).toBe("plan.seat_cap_exceeded");
  });

  it("allows exactly 300, and counts seats of orders still provisioning", async () => {
    const desired = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 200 }
    - { name: bp-annual, offer: ${BP}, term: P1Y, billing: annual, quantity: 100 }
`);
    const atCap = planChanges(
      desired,
      actualEstate([
        actualCustomer({
          domain: DOMAIN,
          subscriptions: [actualSubscription({ id: "s1", offerId: BP, quantity: 200 })],
          subscribedSkus: [sku(200)],
        }),
      ]),
      { now: NOW },
    );
    expect(only(atCap, "create-subscription").status).toBe("ready");

    const pending = actualSubscription({
      id: "order:o1/line:0",
      offerId: BP,
      term: "P1Y",
      quantity: 200,
      status: "pending",
      orderId: "o1",
    });
    const other = actualSubscription({
      id: "order:o2/line:0",
      offerId: BP,
      term: "P1M",
      quantity: 1,
      status: "pending",
      orderId: "o2",
      friendlyName: "other",
    });
    const desiredMore = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 200 }
    - { name: bp-annual, offer: ${BP}, term: P1Y, billing: annual, quantity: 100 }
`);
    const plan = planChanges(
      desiredMore,
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [pending, other], subscribedSkus: [] })]),
      { now: NOW },
    );
    expect(only(plan, "create-subscription").blocked?.code).toBe("plan.seat_cap_exceeded");
  });

  it("leaves offers without a cap alone", async () => {
    const desired = await estate(`    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 5000 }
`);
    expect(
      only(
        planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN })]), { now: NOW }),
        "create-subscription",
      ).status,
    ).toBe("ready");
  });
});

describe("trials", () => {
  const trialYaml = `    - { name: bp-trial, offer: ${BP}, quantity: 25, term: P1Y, billing: monthly, trial: { convert: never } }
`;

  it("R-TRI-5: no second trial of an offer the customer already had on trial", async () => {
    const earlier = actualSubscription({
      id: "t0",
      offerId: BP,
      isTrial: true,
      status: "expired",
      quantity: 25,
      term: "P1M",
      billing: "none",
    });
    const ended = actualEstate([
      actualCustomer({ domain: DOMAIN, subscriptions: [{ ...earlier, status: "deleted" }] }),
    ]);
    // a deleted trial is not matched (it cannot be reactivated), so the planner would buy: it must block instead
    const plan = planChanges(await estate(trialYaml.replace("convert: never", "convert: auto")), ended, { now: NOW });
    const create = only(plan, "create-subscription");
    expect(create.blocked?.code).toBe("plan.trial_not_available");
    expect(create.blocked?.message).toContain("had a trial");
    // a trial declared never to convert has run its course once the offer's trial has ended: complete, nothing to buy
    expect(planChanges(await estate(trialYaml), ended, { now: NOW }).steps).toEqual([]);
  });

  it("R-TRI-5: no trial of an offer the customer already owns (even undeclared)", async () => {
    const paid = actualSubscription({ id: "p1", offerId: BP, term: "P3Y", billing: "annual", quantity: 3 });
    const plan = planChanges(
      await estate(trialYaml),
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [paid] })]),
      { now: NOW },
    );
    expect(only(plan, "create-subscription").blocked?.code).toBe("plan.trial_not_available");
  });

  it("R-TRI-3: convert: never means auto-renew off, on a new trial and on a running one", async () => {
    const desired = await estate(trialYaml);
    expect(desired.customers[0]!.subscriptions[0]!.autoRenew).toBe(false);
    const running = actualSubscription({
      id: "t1",
      offerId: BP,
      isTrial: true,
      autoRenew: true,
      quantity: 25,
      term: "P1M",
      billing: "none",
    });
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [running] })]), {
      now: NOW,
    });
    const update = only(plan, "update-subscription");
    expect([update.before, update.after]).toEqual([{ autoRenew: true }, { autoRenew: false }]);
    // and never a seat change or conversion while it runs (R-TRI-2)
    expect(plan.steps.map((s) => s.action)).toEqual(["update-subscription"]);
  });

  it("R-TRI-3: a conversion to other terms than 25 seats, P1Y, monthly is scheduled on the trial, and kept once it is", async () => {
    const desired =
      await estate(`    - { name: bp, offer: ${BP}, quantity: 25, term: P1Y, billing: monthly, trial: { convert: auto, convertTo: { quantity: 5, billing: annual } } }
`);
    const fresh = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN })]), { now: NOW });
    expect(fresh.steps.map((s) => [s.action, s.reason])).toEqual([
      ["create-subscription", "missing_in_partner_center"],
      ["schedule-renewal", "trial_conversion_scheduled"],
    ]);
    const running = actualSubscription({
      id: "t1",
      offerId: BP,
      isTrial: true,
      quantity: 25,
      term: "P1M",
      billing: "none",
    });
    const schedule = only(
      planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [running] })]), { now: NOW }),
      "schedule-renewal",
    );
    expect([schedule.reason, schedule.after]).toEqual([
      "trial_conversion_scheduled",
      { renewal: { quantity: 5, term: "P1Y", billing: "annual" } },
    ]);
    const scheduled = { ...running, scheduledNextTerm: { quantity: 5, term: "P1Y", billing: "annual" } };
    expect(
      planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [scheduled] })]), { now: NOW })
        .steps,
    ).toEqual([]);
  });

  it("R-TRI-3: converting now keeps at least 25 seats", async () => {
    const desired =
      await estate(`    - { name: bp, offer: ${BP}, quantity: 25, term: P1Y, billing: monthly, trial: { convert: now } }
`);
    const running = actualSubscription({
      id: "t1",
      offerId: BP,
      isTrial: true,
      quantity: 25,
      term: "P1M",
      billing: "none",
    });
    const convert = only(
      planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [running] })]), { now: NOW }),
      "convert-trial",
    );
    expect(convert.after).toMatchObject({ trial: false, quantity: 25, term: "P1Y", billing: "monthly" });
  });

  it("R-TRI-2: a running trial's status is never changed (blocked, with the way out)", async () => {
    const desired = await estate(trialYaml);
    // the loader refuses state on a trial; the planner holds the rule on its own too
    desired.customers[0]!.subscriptions[0]!.state = "suspended";
    const running = actualSubscription({
      id: "t1",
      offerId: BP,
      isTrial: true,
      autoRenew: false,
      quantity: 25,
      term: "P1M",
      billing: "none",
    });
    const suspend = only(
      planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [running] })]), { now: NOW }),
      "suspend",
    );
    expect(suspend.blocked?.code).toBe("plan.trial_locked");
  });
});

describe("what the planner must never buy", () => {
  it("a subscription still provisioning is not bought again; its assignments wait", async () => {
    const desired = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2 }
  users:
    - { userPrincipalName: ann@${DOMAIN}, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
`);
    const pending = actualSubscription({
      id: "order:o1/line:0",
      offerId: BP,
      quantity: 2,
      status: "pending",
      orderId: "o1",
    });
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [pending] })]), {
      now: NOW,
    });
    expect(plan.steps.map((s) => [s.action, s.status])).toEqual([
      ["create-user", "ready"],
      ["assign", "waiting"],
    ]);
    expect(plan.findings.find((f) => f.kind === "pending")?.message).toContain("order o1");
  });

  it("no purchase while one of the customer's subscriptions could not be read", async () => {
    const desired = await estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2 }
`);
    const plan = planChanges(
      desired,
      actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [] })], {
        unknown: [{ address: "customer:rules/subscription:abc", cause: "no readable NCE offer id" }],
      }),
      { now: NOW },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.findings.map((f) => [f.kind, f.address])).toEqual([
      ["unknown", "customer:rules/subscription:abc"],
      ["unknown", "customer:rules/subscription:bp"],
    ]);
  });
});

describe("suspensions: the partner's own, or Microsoft's", () => {
  const declared = () =>
    estate(`    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 3 }
`);
  const suspended = (suspensionReasons?: string[]) => ({
    ...actualSubscription({ id: "s1", offerId: BP, quantity: 3, status: "suspended" }),
    ...(suspensionReasons ? { suspensionReasons } : {}),
  });

  it("reactivates a subscription the partner suspended (CustomerCancellation, or no reason given)", async () => {
    for (const reasons of [["CustomerCancellation"], undefined]) {
      const plan = planChanges(
        await declared(),
        actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [suspended(reasons)] })]),
        { now: NOW },
      );
      const step = only(plan, "reactivate");
      expect(step.blocked).toBeUndefined();
      expect(step.status).toBe("ready");
    }
  });

  it("never plans a reactivation of a subscription Microsoft suspended: a blocked step naming the reasons", async () => {
    for (const reasons of [["CreditCheck"], ["Fraud", "CustomerCancellation"], ["SomeReasonNotKnownYet"]]) {
      const plan = planChanges(
        await declared(),
        actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [suspended(reasons)] })]),
        { now: NOW },
      );
      const step = only(plan, "reactivate");
      expect(step.status).toBe("blocked");
      expect(step.blocked).toMatchObject({
        code: "plan.suspended_by_microsoft",
        message: expect.stringContaining(reasons.filter((r) => r !== "CustomerCancellation").join(", ")),
      });
    }
  });
});
