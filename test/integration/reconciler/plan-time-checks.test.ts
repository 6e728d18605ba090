// What Partner Center or Entra would refuse at apply is found at plan time: a new tenant's initial
// domain that another tenant holds, and a ${env:} password Entra's policy refuses. Each is a blocked
// step naming the way out; apply writes nothing for it and stops nothing else.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
beforeAll(async () => {
  w = await startDriftWorld();
});
afterAll(async () => {
  await w?.close();
});

const plan = (estate: DesiredEstate) => w.plan(estate);

const newCustomer = (name: string, users = "") => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.com, firstName: Ada, lastName: Lovelace, address: { line1: 1 Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
${users}`;

describe("plan-time checks", () => {
  it("a new tenant whose initial domain is taken is blocked at plan, and apply creates nothing", async () => {
    await w.emulator.control.seed({
      tenants: [{ tenantId: randomUUID(), companyName: "Someone Else", domain: "takenco.onmicrosoft.com" }],
    });
    const estate = await estateFromYaml(`${newCustomer("takenco")}---\n${newCustomer("freeco")}`);
    const steps = (await plan(estate)).steps.filter((s) => s.action === "create-customer");
    expect(steps.map((s) => [s.address, s.status, s.blocked?.code])).toEqual([
      ["customer:freeco", "ready", undefined],
      ["customer:takenco", "blocked", "plan.domain_taken"],
    ]);
    expect(steps[1]!.blocked!.message).toContain("takenco.onmicrosoft.com is already taken");
    const report = await applyPlan(await plan(estate), { client: w.client, estate });
    expect(report.outcomes.map((o) => [o.address, o.outcome])).toEqual([
      ["customer:freeco", "applied"],
      ["customer:takenco", "skipped"],
    ]);
  });

  it("a ${env:} password Entra would refuse blocks that user's creation at plan, without showing the password", async () => {
    const users = (name: string) =>
      `  users:\n    - { userPrincipalName: weak@${name}.onmicrosoft.com, firstName: W, lastName: K, password: "\${env:WEAK_PW}" }\n    - { userPrincipalName: ok@${name}.onmicrosoft.com, firstName: O, lastName: K, password: "\${env:GOOD_PW}" }\n`;
    const estate = await estateFromYaml(newCustomer("pwco", users("pwco")), {
      WEAK_PW: "password1",
      GOOD_PW: "Correct-Horse-9",
    });
    const created = (await plan(estate)).steps.filter((s) => s.action === "create-user");
    expect(created.map((s) => [s.address, s.blocked?.code])).toEqual([
      ["customer:pwco/user:ok@pwco.onmicrosoft.com", undefined],
      ["customer:pwco/user:weak@pwco.onmicrosoft.com", "plan.password_policy"],
    ]);
    expect(created[1]!.blocked!.message).toMatch(
      /\$\{env:WEAK_PW\} does not meet Entra's password policy: it mixes 2 of/,
    );
    expect(JSON.stringify(created)).not.toContain("password1");
  });

  it("a user in a custom domain verified in the tenant is created; one in a domain it has not verified is blocked, naming it", async () => {
    await w.emulator.control.seed({ tenants: [{ tenantId: w.tenantId, verifiedDomains: ["cyberdyne.com"] }] });
    const estate = await w.estate({
      users:
        "    - { userPrincipalName: sarah@cyberdyne.com, firstName: Sarah, lastName: Connor }\n" +
        "    - { userPrincipalName: kyle@skynet.example, firstName: Kyle, lastName: Reese }\n",
    });
    const created = (await plan(estate)).steps.filter((s) => s.action === "create-user");
    expect(created.map((s) => [s.address, s.blocked?.code])).toEqual([
      ["customer:driftco/user:kyle@skynet.example", "plan.domain_not_verified"],
      ["customer:driftco/user:sarah@cyberdyne.com", undefined],
    ]);
    expect(created[0]!.blocked!.message).toContain("skynet.example is not a domain verified in the customer's tenant");
    const report = await applyPlan(await plan(estate), {
      client: w.client,
      estate,
      credentials: { record: () => undefined, count: 0 },
    });
    expect(report.outcomes.map((o) => [o.address, o.outcome])).toEqual([
      ["customer:driftco/user:kyle@skynet.example", "skipped"],
      ["customer:driftco/user:sarah@cyberdyne.com", "applied"],
    ]);
    const users = (await w.graph("GET", "/users")).body.value as { userPrincipalName: string }[];
    expect(users.map((u) => u.userPrincipalName)).toContain("sarah@cyberdyne.com");
    expect((await plan(estate)).steps.map((s) => [s.address, s.status])).toEqual([
      ["customer:driftco/user:kyle@skynet.example", "blocked"],
    ]);
  });
});
