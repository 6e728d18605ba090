import { describe, expect, it } from "vitest";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import { AmbiguousMatchError } from "../../../reconciler/plan/match.js";
import { hasChanges, type Plan, type PlanStep } from "../../../reconciler/plan/plan.js";
import { fingerprintActual } from "../../../reconciler/plan/fingerprint.js";
import type { DesiredCustomer } from "../../../reconciler/model/desired-estate.js";
import {
  actualCustomer,
  actualEstate,
  actualSubscription,
  actualUser,
  estateFromYaml,
} from "../../helpers/estate-fixtures.js";

const BP = "CFQ7TTC0LCHC:0002"; // Microsoft 365 Business Premium → SPB
const EXO = "CFQ7TTC0LH16:0001"; // Exchange Online (Plan 1) → EXCHANGESTANDARD
const TEAMS_PREMIUM = "CFQ7TTC0RM8K:0002"; // add-on, any base qualifies
const SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
const EXCHANGESTANDARD = "4b9405b0-7788-4568-add1-99614e613b69";
const NOW = new Date("2026-11-23T12:00:00Z");
const DOMAIN = "contoso.onmicrosoft.com";

function customerYaml(spec: string, policy = ""): string {
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
${spec}${policy ? `  policy:\n${policy}` : ""}`;
}

const twoSubsAndUsers = (alice: string, bob: string, extraPolicy = "") =>
  customerYaml(
    `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
    - { name: exo, offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@${DOMAIN}, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: ${alice} }] }
    - { userPrincipalName: bob@${DOMAIN}, firstName: Bob, lastName: Jones, usageLocation: US, licenses: [{ subscription: ${bob} }] }
`,
    extraPolicy,
  );

const step = (plan: Plan, action: string, addressPart = ""): PlanStep => {
  const found = plan.steps.find((s) => s.action === action && s.address.includes(addressPart));
  if (!found) throw new Error(`no ${action} step for ${addressPart} in ${plan.steps.map((s) => s.id).join(", ")}`);
  return found;
};
const index = (plan: Plan, s: PlanStep): number => plan.steps.indexOf(s);

describe("planChanges from an empty Partner Center", () => {
  it("creates customer, subscriptions, users and assignments in dependency order", async () => {
    const estate = await estateFromYaml(twoSubsAndUsers("bp", "exo"));
    const plan = planChanges(estate, actualEstate([]), { now: NOW });
    expect(plan.steps.map((s) => s.action)).toEqual([
      "create-customer",
      "create-subscription",
      "create-subscription",
      "create-user",
      "create-user",
      "assign",
      "assign",
    ]);
    const customer = step(plan, "create-customer");
    for (const s of plan.steps.slice(1)) expect(s.dependsOn.length, s.id).toBeGreaterThan(0);
    const assign = step(plan, "assign", "alice");
    expect(assign.dependsOn).toContain("customer:contoso/user:alice@contoso.onmicrosoft.com#create-user");
    expect(assign.dependsOn).toContain("customer:contoso/subscription:bp#create-subscription");
    expect(step(plan, "create-user", "alice").dependsOn).toEqual([customer.id]);
    expect(plan.summary).toMatchObject({ ready: 7, blocked: 0, byAction: { "create-subscription": 2, assign: 2 } });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("never puts a password in the plan", async () => {
    const estate = await estateFromYaml(
      twoSubsAndUsers("bp", "exo").replace(
        "usageLocation: US, licenses: [{ subscription: bp }]",
        'usageLocation: US, password: "${env:ALICE_PW}", licenses: [{ subscription: bp }]',
      ),
      { ALICE_PW: "S3cret!Value-42" },
    );
    const plan = planChanges(estate, actualEstate([]), { now: NOW });
    expect(JSON.stringify(plan)).not.toContain("S3cret!Value-42");
    expect(step(plan, "create-user", "alice").after?.password).toBe("(from ${env:ALICE_PW})");
  });

  it("orders a base subscription before its add-on", async () => {
    const estate = await estateFromYaml(
      customerYaml(`  subscriptions:
    - name: bp
      offer: ${BP}
      term: P1Y
      billing: monthly
      quantity: 5
      addons:
        - { name: teams-premium, offer: ${TEAMS_PREMIUM}, term: P1Y, billing: monthly, quantity: 5 }
`),
    );
    const plan = planChanges(estate, actualEstate([]), { now: NOW });
    const base = step(plan, "create-subscription", "subscription:bp");
    const addon = step(plan, "create-subscription", "teams-premium");
    expect(index(plan, base)).toBeLessThan(index(plan, addon));
    expect(addon.dependsOn).toContain(base.id);
  });

  it("sends an invitation for a link-mode customer and waits for it", async () => {
    const estate = await estateFromYaml(
      customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
`).replace("tenant: { mode: create }", "tenant: { mode: link }"),
    );
    const plan = planChanges(estate, actualEstate([]), { now: NOW });
    expect(plan.steps.map((s) => [s.action, s.status])).toEqual([["send-invitation", "ready"]]);
    expect(plan.findings).toContainEqual(expect.objectContaining({ kind: "pending", address: "customer:contoso" }));
    const pending = planChanges(
      estate,
      actualEstate([], { invitations: [{ domain: DOMAIN, tenantId: null, url: "https://admin.example/invite" }] }),
      { now: NOW },
    );
    expect(pending.steps[0]).toMatchObject({ status: "waiting", reason: "invitation_pending" });
  });
});

describe("two declared customers that are one Partner Center customer", () => {
  it("are refused, naming both, instead of being planned against the same tenant twice", async () => {
    const tenantId = "0b4f3a2c-1d5e-4f60-8a7b-9c0d1e2f3a4b";
    const contoso = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2 }
`);
    const linked = contoso
      .replace("metadata: { name: contoso }", "metadata: { name: fabrikam }")
      .replace(`domain: ${DOMAIN}`, "domain: fabrikam.onmicrosoft.com")
      .replace("tenant: { mode: create }", `tenant: { mode: link, id: ${tenantId} }`)
      .replace("quantity: 2", "quantity: 5");
    const estate = await estateFromYaml(`${contoso}---\n${linked}`);
    const actual = actualEstate([
      actualCustomer({
        id: tenantId,
        domain: DOMAIN,
        subscriptions: [actualSubscription({ id: "s-bp", offerId: BP, quantity: 2 })],
      }),
    ]);
    expect(() => planChanges(estate, actual, { now: NOW })).toThrow(
      expect.objectContaining({
        code: "plan.customer_declared_twice",
        message: expect.stringContaining("customer:contoso and customer:fabrikam"),
      }),
    );
    // each alone plans against that tenant as usual
    expect(
      planChanges({ customers: [estate.customers[1]!] }, actual, { now: NOW }).steps.map((s) => s.action),
    ).toContain("resize");
  });
});

describe("planChanges against an existing customer", () => {
  const converged = () =>
    actualCustomer({
      domain: DOMAIN,
      billing: {
        email: "ap@contoso.com",
        firstName: "Ada",
        lastName: "Lovelace",
        phone: null,
        culture: "en-US",
        language: "en",
      },
      subscriptions: [
        actualSubscription({ id: "s-bp", offerId: BP, quantity: 1 }),
        actualSubscription({ id: "s-exo", offerId: EXO, quantity: 1 }),
      ],
      subscribedSkus: [
        { skuId: SPB, skuPartNumber: "SPB", activeUnits: 1, consumedUnits: 1, suspendedUnits: 0 },
        {
          skuId: EXCHANGESTANDARD,
          skuPartNumber: "EXCHANGESTANDARD",
          activeUnits: 1,
          consumedUnits: 1,
          suspendedUnits: 0,
        },
      ],
      users: [
        actualUser(`alice@${DOMAIN}`, {
          displayName: "Alice Smith",
          firstName: "Alice",
          lastName: "Smith",
          licenses: [{ skuId: SPB, disabledPlans: [] }],
        }),
        actualUser(`bob@${DOMAIN}`, {
          displayName: "Bob Jones",
          firstName: "Bob",
          lastName: "Jones",
          licenses: [{ skuId: EXCHANGESTANDARD, disabledPlans: [] }],
        }),
      ],
    });

  it("plans nothing when Partner Center already matches", async () => {
    const plan = planChanges(await estateFromYaml(twoSubsAndUsers("bp", "exo")), actualEstate([converged()]), {
      now: NOW,
    });
    expect(plan.steps).toEqual([]);
    expect(hasChanges(plan)).toBe(false);
  });

  it("swaps licences between two full subscriptions: unassignments before assignments, nothing blocked", async () => {
    const plan = planChanges(
      await estateFromYaml(twoSubsAndUsers("exo", "bp", "    prune: { licenses: true }\n")),
      actualEstate([converged()]),
      { now: NOW },
    );
    expect(plan.steps.map((s) => s.action)).toEqual(["unassign", "unassign", "assign", "assign"]);
    expect(plan.steps.every((s) => s.status === "ready")).toBe(true);
    const assignAlice = step(plan, "assign", "alice");
    expect(assignAlice.dependsOn).toContain(step(plan, "unassign", "bob").id);
  });

  it("blocks an assignment beyond capacity when undeclared assignments hold the seats", async () => {
    const plan = planChanges(await estateFromYaml(twoSubsAndUsers("exo", "bp")), actualEstate([converged()]), {
      now: NOW,
    });
    expect(step(plan, "assign", "alice")).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.insufficient_licenses" },
    });
    expect(plan.findings.filter((f) => f.kind === "unmanaged")).toHaveLength(2);
  });

  it("increases at any time and decreases only within the window Partner Center reports", async () => {
    const yaml = twoSubsAndUsers("bp", "exo").replace(
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1`,
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 3`,
    );
    const up = planChanges(await estateFromYaml(yaml), actualEstate([converged()]), { now: NOW });
    expect(up.steps).toEqual([
      expect.objectContaining({
        action: "resize",
        reason: "quantity_increase",
        status: "ready",
        before: { quantity: 1 },
        after: { quantity: 3 },
      }),
    ]);

    const actual = converged();
    actual.subscriptions![1] = actualSubscription({
      id: "s-exo",
      offerId: EXO,
      quantity: 5,
      refundableQuantity: 2,
      refundableBatches: [{ quantity: 2, allowedUntil: "2026-11-25T12:00:00Z" }],
    });
    actual.subscribedSkus![1]!.activeUnits = 5;
    const within = planChanges(await estateFromYaml(yaml), actualEstate([actual]), { now: NOW });
    expect(within.steps).toEqual([
      expect.objectContaining({ action: "resize", reason: "quantity_decrease", status: "ready" }),
    ]);

    const outside = planChanges(
      await estateFromYaml(yaml.replace("quantity: 3", "quantity: 2")),
      actualEstate([actual]),
      { now: NOW },
    );
    expect(outside.steps[0]).toMatchObject({ status: "blocked", blocked: { code: "plan.decrease_outside_window" } });
    expect(outside.steps[0]!.blocked!.hint).toMatch(/renewal: \{ quantity: 2 \}.*autoRenew: false/);
  });

  it("blocks a decrease below the seats still assigned", async () => {
    const actual = converged();
    actual.subscriptions![0] = actualSubscription({ id: "s-bp", offerId: BP, quantity: 3, refundableQuantity: 3 });
    actual.subscribedSkus![0] = {
      skuId: SPB,
      skuPartNumber: "SPB",
      activeUnits: 3,
      consumedUnits: 3,
      suspendedUnits: 0,
    };
    const yaml = twoSubsAndUsers("bp", "exo").replace(
      `offer: ${BP}, term: P1Y, billing: monthly, quantity: 1`,
      `offer: ${BP}, term: P1Y, billing: monthly, quantity: 2`,
    );
    const plan = planChanges(await estateFromYaml(yaml), actualEstate([actual]), { now: NOW });
    expect(step(plan, "resize")).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.decrease_below_assigned" },
    });
  });

  it("cancels only inside the cancellation window, as a protected destructive step", async () => {
    const yaml = twoSubsAndUsers("bp", "bp").replace(
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1`,
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1, state: cancelled`,
    );
    const actual = converged();
    actual.users![1]!.licenses = [];
    actual.subscribedSkus![1]!.consumedUnits = 0;
    actual.subscribedSkus![0]!.activeUnits = 2;
    actual.subscriptions![0]!.quantity = 2;
    const closed = planChanges(
      await estateFromYaml(yaml.replace("quantity: 1 }\n    - { name: exo", "quantity: 2 }\n    - { name: exo")),
      actualEstate([actual]),
      { now: NOW },
    );
    expect(step(closed, "cancel")).toMatchObject({
      status: "blocked",
      risk: "destructive",
      blocked: { code: "plan.cancel_outside_window" },
    });
    actual.subscriptions![1]!.cancellationAllowedUntil = "2026-11-24T00:00:00Z";
    const open = planChanges(
      await estateFromYaml(yaml.replace("quantity: 1 }\n    - { name: exo", "quantity: 2 }\n    - { name: exo")),
      actualEstate([actual]),
      { now: NOW },
    );
    expect(step(open, "cancel")).toMatchObject({ status: "ready", risk: "destructive", protected: true });
  });

  it("suspends as destructive; protect: false lifts the protection; observe mode never writes", async () => {
    const suspended = twoSubsAndUsers("bp", "exo").replace(
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1`,
      `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1, state: suspended`,
    );
    const actual = () => actualEstate([converged()]);
    expect(step(planChanges(await estateFromYaml(suspended), actual(), { now: NOW }), "suspend")).toMatchObject({
      risk: "destructive",
      protected: true,
      status: "ready",
    });
    expect(
      step(
        planChanges(await estateFromYaml(`${suspended}  policy: { protect: false }\n`), actual(), { now: NOW }),
        "suspend",
      ),
    ).toMatchObject({ protected: false });
    const observed = planChanges(await estateFromYaml(`${suspended}  policy: { mode: observe }\n`), actual(), {
      now: NOW,
    });
    expect(observed.steps.map((s) => s.status)).toEqual(["observe"]);
    expect(observed.summary.ready).toBe(0);
  });

  it("accepts a difference covered by policy.ignore until its date, then plans it again", async () => {
    const yaml = (until: string) =>
      twoSubsAndUsers("bp", "exo").replace(
        `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1`,
        `offer: ${EXO}, term: P1Y, billing: monthly, quantity: 4`,
      ) +
      `  policy:\n    ignore:\n      - { path: "subscriptions[exo].quantity", reason: onboarding, until: ${until} }\n`;
    const accepted = planChanges(await estateFromYaml(yaml("2026-12-31")), actualEstate([converged()]), { now: NOW });
    expect(accepted.steps).toEqual([]);
    expect(accepted.findings).toContainEqual(
      expect.objectContaining({ kind: "accepted", address: "customer:contoso/subscription:exo" }),
    );
    const expired = planChanges(await estateFromYaml(yaml("2026-11-01")), actualEstate([converged()]), { now: NOW });
    expect(expired.steps.map((s) => s.action)).toEqual(["resize"]);
  });

  it("plans nothing for a customer whose state could not be read", async () => {
    const plan = planChanges(
      await estateFromYaml(twoSubsAndUsers("bp", "exo")),
      actualEstate([], { unknown: [{ address: "customer:contoso", cause: "timeout" }] }),
      { now: NOW },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.findings).toEqual([expect.objectContaining({ kind: "unknown", address: "customer:contoso" })]);
    const partial = converged();
    partial.subscriptions = null;
    const plan2 = planChanges(
      await estateFromYaml(twoSubsAndUsers("exo", "bp", "    prune: { licenses: true }\n")),
      actualEstate([partial]),
      { now: NOW },
    );
    expect(
      plan2.steps.filter((s) => s.action === "assign" || s.action === "unassign" || s.action.includes("subscription")),
    ).toEqual([]);
  });

  it("refuses to guess between two equally matching subscriptions", async () => {
    const actual = converged();
    actual.subscriptions!.push(actualSubscription({ id: "s-bp-2", offerId: BP, quantity: 1 }));
    await expect(async () =>
      planChanges(await estateFromYaml(twoSubsAndUsers("bp", "exo")), actualEstate([actual]), { now: NOW }),
    ).rejects.toThrow(AmbiguousMatchError);
    await expect(async () =>
      planChanges(await estateFromYaml(twoSubsAndUsers("bp", "exo")), actualEstate([actual]), { now: NOW }),
    ).rejects.toThrow(/s-bp, s-bp-2|s-bp.*s-bp-2/);
  });

  it("reports undeclared users, and disables them only under policy.prune.users", async () => {
    const actual = converged();
    actual.users!.push(actualUser(`eve@${DOMAIN}`));
    const report = planChanges(await estateFromYaml(twoSubsAndUsers("bp", "exo")), actualEstate([actual]), {
      now: NOW,
    });
    expect(report.steps).toEqual([]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: "unmanaged", address: `customer:contoso/user:eve@${DOMAIN}` }),
    );
    const pruned = planChanges(
      await estateFromYaml(twoSubsAndUsers("bp", "exo", "    prune: { users: true }\n")),
      actualEstate([actual]),
      { now: NOW },
    );
    expect(pruned.steps).toEqual([
      expect.objectContaining({
        action: "disable-user",
        risk: "destructive",
        address: `customer:contoso/user:eve@${DOMAIN}`,
      }),
    ]);
  });

  it("leaves the tenant's initial admin (admin@domain, made with the tenant) alone: not unmanaged, never pruned", async () => {
    const actual = converged();
    actual.users!.push(actualUser(`Admin@${DOMAIN.toUpperCase()}`), actualUser(`eve@${DOMAIN}`));
    const report = planChanges(await estateFromYaml(twoSubsAndUsers("bp", "exo")), actualEstate([actual]), {
      now: NOW,
    });
    expect(report.findings.filter((f) => f.kind === "unmanaged").map((f) => f.address)).toEqual([
      `customer:contoso/user:eve@${DOMAIN}`,
    ]);
    const pruned = planChanges(
      await estateFromYaml(twoSubsAndUsers("bp", "exo", "    prune: { users: true }\n")),
      actualEstate([actual]),
      { now: NOW },
    );
    expect(pruned.steps.map((s) => `${s.action} ${s.address}`)).toEqual([
      `disable-user customer:contoso/user:eve@${DOMAIN}`,
    ]);
  });

  it("blocks pruning an undeclared subscription whose seats are still assigned, and allows it once they are free", async () => {
    const onlyBp = customerYaml(
      `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@${DOMAIN}, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: bp }] }
`,
      "    protect: false\n    prune: { subscriptions: true }\n",
    );
    const actual = converged();
    actual.users = actual.users!.filter((u) => u.userPrincipalName.startsWith("alice"));
    actual.users.push(actualUser(`eve@${DOMAIN}`, { licenses: [{ skuId: EXCHANGESTANDARD, disabledPlans: [] }] }));
    actual.subscriptions![1]!.cancellationAllowedUntil = "2026-11-25T00:00:00Z";
    const inUse = planChanges(await estateFromYaml(onlyBp), actualEstate([actual]), { now: NOW });
    expect(step(inUse, "cancel", "s-exo")).toMatchObject({
      reason: "pruned_undeclared",
      status: "blocked",
      blocked: { code: "plan.decrease_below_assigned" },
    });
    actual.users = actual.users.filter((u) => !u.userPrincipalName.startsWith("eve"));
    actual.subscribedSkus![1]!.consumedUnits = 0;
    const free = planChanges(await estateFromYaml(onlyBp), actualEstate([actual]), { now: NOW });
    expect(step(free, "cancel", "s-exo")).toMatchObject({ status: "ready", risk: "destructive" });
  });

  it("blocks an assignment for a user without usageLocation", async () => {
    // The loader refuses this estate; Pulumi inputs or a profile-less API caller could still build it.
    const estate = await estateFromYaml(twoSubsAndUsers("bp", "exo"));
    delete estate.customers[0]!.users[0]!.usageLocation;
    const actual = converged();
    actual.users![0]!.licenses = [];
    actual.users![0]!.usageLocation = null;
    actual.subscribedSkus![0]!.consumedUnits = 0;
    const plan = planChanges(estate, actualEstate([actual]), { now: NOW });
    expect(step(plan, "assign", "alice")).toMatchObject({
      status: "blocked",
      blocked: { code: "plan.usage_location_missing" },
    });
  });
});

describe("fingerprint", () => {
  it("ignores read order and read time, and changes with the state of the customers in scope", () => {
    const a = actualCustomer({
      domain: "a.onmicrosoft.com",
      subscriptions: [actualSubscription({ id: "1", offerId: BP }), actualSubscription({ id: "2", offerId: EXO })],
    });
    const b = actualCustomer({ domain: "b.onmicrosoft.com" });
    const scope = [
      { name: "a", tenant: { mode: "create" }, company: { domain: "a.onmicrosoft.com" } },
    ] as unknown as DesiredCustomer[];
    const reordered = { ...a, subscriptions: [...a.subscriptions!].reverse() };
    expect(fingerprintActual(actualEstate([a, b]), scope)).toBe(
      fingerprintActual({ ...actualEstate([b, reordered]), readAt: "2030-01-01T00:00:00Z" }, scope),
    );
    const changed = {
      ...a,
      subscriptions: [
        actualSubscription({ id: "1", offerId: BP, quantity: 11 }),
        actualSubscription({ id: "2", offerId: EXO }),
      ],
    };
    expect(fingerprintActual(actualEstate([changed, b]), scope)).not.toBe(
      fingerprintActual(actualEstate([a, b]), scope),
    );
    expect(fingerprintActual(actualEstate([a, { ...b, companyName: "renamed" }]), scope)).toBe(
      fingerprintActual(actualEstate([a, b]), scope),
    );
  });

  it("of a plan covers the customers it has steps for", async () => {
    const estate = await estateFromYaml(twoSubsAndUsers("bp", "exo"));
    const plan = planChanges(estate, actualEstate([]), { now: NOW });
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.fingerprint).toBe(fingerprintActual(actualEstate([]), estate.customers));
    expect(planChanges({ customers: [] }, actualEstate([]), { now: NOW }).fingerprint).toBe(
      fingerprintActual(actualEstate([]), []),
    );
  });
});
