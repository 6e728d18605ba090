// Each apply operation against the emulator: planned, applied, read back, and then nothing left to do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../../client/index.js";
import { EMULATOR_THROTTLE } from "../../../cli/connection.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import { fileCredentialSink } from "../../../reconciler/apply/credentials.js";
import type { ApplyReport } from "../../../reconciler/apply/apply-report.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import type { Plan } from "../../../reconciler/plan/plan.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startEmulator, type TestEmulator } from "../../helpers/emulator.js";

const BP = "CFQ7TTC0LCHC:0002";
const EXO = "CFQ7TTC0LH16:0001";

function customer(name: string, body: string, policy = "protect: false"): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
${body}  policy: { ${policy} }
`;
}

let emulator: TestEmulator;
let client: CspClient;
const sink = { record: () => undefined, count: 0 };

beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 20 }, throttle: EMULATOR_THROTTLE });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

const now = async (): Promise<Date> => new Date((await emulator.control.clock()).now);
const plan = async (estate: DesiredEstate): Promise<Plan> => (await planEstate(client, estate, { now })).plan;
const apply = async (estate: DesiredEstate): Promise<{ plan: Plan; report: ApplyReport }> => {
  const p = await plan(estate);
  const report = await applyPlan(p, { client, estate, credentials: sink, allowDestructive: true });
  expect(
    report.outcomes.filter((o) => o.outcome === "failed"),
    JSON.stringify(report.outcomes.filter((o) => o.outcome === "failed")),
  ).toEqual([]);
  return { plan: p, report };
};
const converged = async (estate: DesiredEstate): Promise<void> =>
  expect((await plan(estate)).steps.map((s) => s.id)).toEqual([]);
const actions = (p: Plan): string[] => p.steps.map((s) => `${s.action}:${s.status}`);

describe("apply operations against the emulator", () => {
  it("swaps licences between two subscriptions at full capacity without going over", async () => {
    const users = (alice: string, bob: string) => `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
    - { name: exo, offer: ${EXO}, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@swap.onmicrosoft.com, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: ${alice} }] }
    - { userPrincipalName: bob@swap.onmicrosoft.com, firstName: Bob, lastName: Jones, usageLocation: US, licenses: [{ subscription: ${bob} }] }
`;
    await apply(await estateFromYaml(customer("swap", users("bp", "exo"))));
    const swapped = await estateFromYaml(
      customer("swap", users("exo", "bp"), "protect: false, prune: { licenses: true }"),
    );
    const { plan: p } = await apply(swapped);
    expect(actions(p)).toEqual(["unassign:ready", "unassign:ready", "assign:ready", "assign:ready"]);
    await converged(swapped);
  });

  it("suspends, then reactivates a subscription; changes auto-renew and friendly name; schedules a renewal", async () => {
    const sub = (extra: string) => `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 4${extra} }
`;
    await apply(await estateFromYaml(customer("lifecycle", sub(", state: suspended"))));
    const active = await estateFromYaml(customer("lifecycle", sub(", state: active")));
    // suspending turned auto-renew off (R-SUS-3): it is switched back on after the reactivation
    expect(actions((await apply(active)).plan)).toEqual(["reactivate:ready", "update-subscription:ready"]);
    await converged(active);
    const changed = await estateFromYaml(
      customer("lifecycle", sub(', friendlyName: "Lifecycle BP", renewal: { quantity: 3, billing: annual }')),
    );
    expect(actions((await apply(changed)).plan)).toEqual(["update-subscription:ready", "schedule-renewal:ready"]);
    await converged(changed);
    const noRenew = await estateFromYaml(
      customer("lifecycle", sub(', friendlyName: "Lifecycle BP", autoRenew: false')),
    );
    const { plan: p } = await apply(noRenew);
    expect(p.steps.map((s) => s.action)).toEqual(["update-subscription", "schedule-renewal"]);
    await converged(noRenew);
  });

  it("updates the billing profile of an existing customer", async () => {
    const body = `  subscriptions: []
`;
    await apply(await estateFromYaml(customer("billing", body)));
    const moved = await estateFromYaml(
      customer("billing", body).replace("email: ap@billing.com", "email: finance@billing.com"),
    );
    const { plan: p } = await apply(moved);
    expect(p.steps.map((s) => [s.action, s.reason, s.after])).toEqual([
      ["update-customer", "billing_profile_changed", { email: "finance@billing.com" }],
    ]);
    await converged(moved);
  });

  it("cancels an undeclared subscription only under policy.prune.subscriptions", async () => {
    const body = `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 2 }
`;
    const kept = await estateFromYaml(customer("prune", body));
    await apply(kept);
    const id = (await planEstate(client, kept)).actual.customers[0]!.id;
    await client.partnerCenter.orders.purchase(
      id,
      [{ productId: "CFQ7TTC0LH16", skuId: "0001", quantity: 1, termDuration: "P1M", billingCycle: "monthly" }],
      { country: "US" },
    );
    const unmanaged = await plan(kept);
    expect(unmanaged.steps).toEqual([]);
    expect(
      unmanaged.findings.filter((f) => f.kind === "unmanaged" && f.address.includes("/subscription:")),
    ).toHaveLength(1);
    const pruning = await estateFromYaml(customer("prune", body, "protect: false, prune: { subscriptions: true }"));
    const { plan: p } = await apply(pruning);
    expect(p.steps.map((s) => [s.action, s.reason, s.status])).toEqual([["cancel", "pruned_undeclared", "ready"]]);
    await converged(pruning);
  });

  it("converts a running trial now, with the paid term the estate declares", async () => {
    const trial = (convert: string) => `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 25, trial: { convert: ${convert} } }
`;
    await apply(await estateFromYaml(customer("trialco", trial("auto"))));
    const running = (await planEstate(client, await estateFromYaml(customer("trialco", trial("auto"))))).actual
      .customers[0]!.subscriptions!;
    expect(running.map((s) => [s.isTrial, s.quantity])).toEqual([[true, 25]]);
    const now = await estateFromYaml(customer("trialco", trial("now")));
    expect(actions((await apply(now)).plan)).toEqual(["convert-trial:ready"]);
    const after = (await planEstate(client, now)).actual.customers[0]!.subscriptions!.filter(
      (s) => s.status === "active",
    );
    expect(after.map((s) => [s.isTrial, s.quantity, s.term])).toEqual([[false, 25, "P1Y"]]);
  });

  it("a plan naming a customer the estate no longer declares fails that customer's steps, not the run", async () => {
    const first = await estateFromYaml(customer("gone", "  subscriptions: []\n"));
    const other = await estateFromYaml(customer("stays", "  subscriptions: []\n"));
    const both = { ...first, customers: [...first.customers, ...other.customers] };
    const p = await plan(both);
    const report = await applyPlan(p, { client, estate: other, credentials: sink });
    expect(report.outcomes.map((o) => [o.customer, o.outcome, o.error?.code])).toEqual([
      ["gone", "failed", "apply.plan_mismatch"],
      ["stays", "applied", undefined],
    ]);
  });

  it("restores a declared user deleted in the portal (soft-deleted, UPN still taken) instead of failing with 409", async () => {
    const body = `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: dee@restore.onmicrosoft.com, firstName: Dee, lastName: Ray, usageLocation: US, licenses: [{ subscription: bp }] }
`;
    const estate = await estateFromYaml(customer("restore", body));
    await apply(estate);
    const actual = (await planEstate(client, estate)).actual.customers[0]!;
    await client.partnerCenter.users.delete(
      actual.id,
      actual.users!.find((u) => u.userPrincipalName === "dee@restore.onmicrosoft.com")!.id,
    );
    const { plan: p, report } = await apply(estate);
    expect(p.steps.map((s) => s.action)).toContain("create-user");
    expect(report.outcomes.find((o) => o.action === "create-user")?.detail).toMatchObject({ restored: true });
    // whatever the restored account still lacks (its licence) is planned next, and then nothing
    const rest = await plan(estate);
    if (rest.steps.length > 0) await apply(estate);
    await converged(estate);
  });

  it("a create-user that loses a race (409, the user exists) marks its credentials line superseded, never created", async () => {
    const body = `  subscriptions: []
  users:
    - { userPrincipalName: raced@race.onmicrosoft.com, firstName: Ra, lastName: Ced, usageLocation: US, password: generate }
`;
    const base = await estateFromYaml(customer("race", "  subscriptions: []\n"));
    await apply(base);
    const estate = await estateFromYaml(customer("race", body));
    const p = await plan(estate);
    expect(p.steps.map((s) => s.action)).toEqual(["create-user"]);
    // another run (or the admin center) creates the user between this plan and its apply
    const customerId = p.steps[0]!.target.customerId!;
    await client.partnerCenter.users.create(customerId, {
      userPrincipalName: "raced@race.onmicrosoft.com",
      displayName: "Ra Ced",
      firstName: "Ra",
      lastName: "Ced",
      usageLocation: "US",
      password: "Other-Run-Passw0rd!",
      forceChangePassword: true,
    });
    const path = join(mkdtempSync(join(tmpdir(), "cspctl-race-")), "credentials.jsonl");
    const file = fileCredentialSink(path);
    const report = await applyPlan(p, { client, estate, credentials: file });
    file.close();
    expect(report.outcomes).toEqual([
      expect.objectContaining({
        action: "create-user",
        outcome: "failed",
        error: expect.objectContaining({ code: "apply.user_exists" }),
      }),
    ]);
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { address: string; status: string; password: string });
    expect(lines.map((l) => l.status)).toEqual(["pending", "superseded"]);
    expect(lines[1]!.password).toBe(lines[0]!.password);
    expect(file.count).toBe(0);
    // the next run finds the user and has nothing to create
    expect((await plan(estate)).steps.filter((s) => s.action === "create-user")).toEqual([]);
  });

  // Last: it moves the emulator's clock a month on.
  it("schedules a trial's conversion to the declared terms, and the trial converts to them at its end", async () => {
    const estate = await estateFromYaml(
      customer(
        "convertlater",
        `  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 25, trial: { convert: auto, convertTo: { quantity: 5, billing: annual } } }
`,
      ),
    );
    expect(actions((await apply(estate)).plan)).toEqual([
      "create-customer:ready",
      "create-subscription:ready",
      "schedule-renewal:ready",
    ]);
    await converged(estate);
    await emulator.control.advanceClock("P31D");
    const converted = (await planEstate(client, estate, { now })).actual.customers[0]!.subscriptions!;
    expect(converted.map((s) => [s.isTrial, s.quantity, s.term, s.billing])).toEqual([[false, 5, "P1Y", "annual"]]);
  });

  it("a billing profile update writes only the fields the plan shows, never one policy.ignore accepts", async () => {
    await apply(await estateFromYaml(customer("billwrite", "")));
    const changed = customer(
      "billwrite",
      "",
      'protect: false, ignore: [{ path: "billing.firstName", reason: finance owns it }]',
    ).replace("email: ap@billwrite.com, firstName: Ada", "email: ar@billwrite.com, firstName: Grace");
    const estate = await estateFromYaml(changed);
    const { plan: applied } = await apply(estate);
    expect(applied.steps.map((s) => [s.action, s.changedFields])).toEqual([["update-customer", ["billing.email"]]]);
    const id = (await planEstate(client, estate)).actual.customers.find(
      (c) => c.domain === "billwrite.onmicrosoft.com",
    )!.id;
    expect(await client.partnerCenter.customers.getBillingProfile(id)).toMatchObject({
      email: "ar@billwrite.com",
      firstName: "Ada",
      lastName: "Lovelace",
    });
    await converged(estate);
  });
});
