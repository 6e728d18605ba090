// Each drift category, produced by a matching out-of-band change made through the emulator (its
// control API, or Partner Center's API with a client other than cspctl's), and gone after apply or
// after the YAML accepts it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodeOf } from "../../../cli/commands/drift.js";
import { findLicenseSku } from "../../../core/catalog.js";
import { applyPlan } from "../../../reconciler/apply/apply-plan.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { REPORT_FORMATS, renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import { planEstate } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";
import { scanForSecrets } from "../../helpers/secret-scan.js";
import { categories, startDriftWorld, type DriftWorld } from "./drift-world.js";

let w: DriftWorld;
beforeAll(async () => {
  w = await startDriftWorld();
});
afterAll(async () => {
  await w?.close();
});

async function applyEstate(estate: DesiredEstate): Promise<void> {
  const { plan } = await planEstate(w.client, estate, {
    now: async () => new Date((await w.emulator.control.clock()).now),
  });
  const report = await applyPlan(plan, { client: w.client, estate, allowDestructive: true });
  expect(report.outcomes.filter((o) => o.outcome !== "applied")).toEqual([]);
}

async function setQuantity(quantity: number): Promise<void> {
  const path = `/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
  const current = await w.pc("GET", path);
  const changed = await w.pc("PATCH", path, { ...current.body, quantity });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
}

describe("drift categories against the emulator", () => {
  it("starts with no drift: the estate declares exactly what was seeded", async () => {
    const report = await w.drift(await w.estate());
    expect(report.findings).toEqual([]);
    expect(exitCodeOf(report, false)).toBe(0);
  });

  it("changed + utilisation: seats added in the portal; gone after apply", async () => {
    await setQuantity(3);
    const estate = await w.estate();
    const report = await w.drift(estate);
    expect(categories(report)).toEqual([
      "changed customer:driftco/subscription:bp",
      "utilisation customer:driftco/subscription:bp",
    ]);
    const changed = report.findings[0]!;
    expect(changed).toMatchObject({
      before: { quantity: 3 },
      after: { quantity: 2 },
      changedFields: ["quantity"],
      fix: { step: { action: "resize", reason: "quantity_decrease", status: "ready" } },
    });
    expect(changed.fix.yaml).toContain("quantity: 3");
    expect(changed.fix.yaml).toContain('path: "subscriptions[bp].quantity"');
    expect(changed.source).toMatchObject({ line: 8 });
    expect(report.utilisation[0]).toMatchObject({ customer: "driftco", purchased: 3, assigned: 2, unused: 1 });
    expect(exitCodeOf(report, false)).toBe(2);

    await applyEstate(estate);
    const after = await w.drift(estate);
    expect(after.findings).toEqual([]);
    expect(exitCodeOf(after, false)).toBe(0);
  });

  it("accepted: a policy.ignore rule turns the difference into accepted; drift again once `until` has passed; declaring it accepts it too", async () => {
    await setQuantity(3);
    const ignore = (until: string) => ({
      policy: `    ignore:\n      - { path: "subscriptions[bp].quantity", reason: onboarding buys seats in the portal, until: ${until} }\n`,
    });
    const accepted = await w.drift(await w.estate(ignore("2099-12-31")));
    expect(categories(accepted)).toEqual(
      ["utilisation customer:driftco/subscription:bp", "accepted customer:driftco/subscription:bp"].sort(
        byCategoryOrder,
      ),
    );
    expect(accepted.findings.find((f) => f.category === "accepted")).toMatchObject({
      before: { quantity: 3 },
      after: { quantity: 2 },
      fix: { note: expect.stringContaining("until 2099-12-31") },
    });
    expect(exitCodeOf(accepted, false)).toBe(0);

    const expired = await w.drift(await w.estate(ignore("2020-01-01")));
    expect(categories(expired)).toContain("changed customer:driftco/subscription:bp");
    expect(categories(expired)).not.toContain("accepted customer:driftco/subscription:bp");

    const declared = await w.drift(await estateFromYaml(yamlWithQuantity(3)));
    expect(categories(declared).filter((c) => c.startsWith("changed"))).toEqual([]);
    await applyEstate(await w.estate());
    expect((await w.drift(await w.estate())).findings).toEqual([]);
  });

  it("unmanaged: a user created in the portal; gone once the YAML declares it", async () => {
    const created = await w.pc("POST", `/customers/${w.tenantId}/users`, {
      userPrincipalName: `carol@${w.domain}`,
      firstName: "Carol",
      lastName: "White",
      displayName: "Carol White",
      usageLocation: "US",
      passwordProfile: { password: "Str0ng!Passw0rd#2026", forceChangePassword: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const report = await w.drift(await w.estate());
    expect(categories(report)).toEqual([`unmanaged customer:driftco/user:carol@${w.domain}`]);
    expect(report.findings[0]!.fix.yaml).toContain(`userPrincipalName: carol@${w.domain}`);
    const rendered = REPORT_FORMATS.map((format) => ({ source: format, content: renderDriftReport(report, format) }));
    expect(
      scanForSecrets(rendered, [
        { label: "carol's password", value: "Str0ng!Passw0rd#2026" },
        { label: "client secret", value: w.emulator.env.CSPCTL_CLIENT_SECRET! },
      ]),
    ).toEqual([]);
    expect(exitCodeOf(report, false)).toBe(2);

    const declared = await w.estate({
      users: `    - { userPrincipalName: carol@${w.domain}, firstName: Carol, lastName: White, usageLocation: US }\n`,
    });
    expect((await w.drift(declared)).findings).toEqual([]);
    expect(
      (await w.pc("DELETE", `/customers/${w.tenantId}/users/${(created.body as { id: string }).id}`)).status,
    ).toBeLessThan(300);
    expect((await w.drift(await w.estate())).findings).toEqual([]);
  });

  it("missing: a declared licence removed in the portal; gone after apply", async () => {
    const removed = await w.graph("POST", `/users/alice@${w.domain}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [findLicenseSku("SPB")!.skuId],
    });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    const estate = await w.estate();
    const report = await w.drift(estate);
    expect(categories(report)).toEqual([
      `missing customer:driftco/user:alice@${w.domain}/license:bp`,
      "utilisation customer:driftco/subscription:bp",
    ]);
    expect(report.findings[0]).toMatchObject({
      fix: { step: { action: "assign", status: "ready" } },
      source: { file: "estate.yaml", line: 10 },
    });
    expect(exitCodeOf(report, false)).toBe(2);
    await applyEstate(estate);
    expect((await w.drift(estate)).findings).toEqual([]);
  });

  it("missing: a declared user deleted in the portal; gone once the YAML no longer declares it", async () => {
    const users = await w.pc("GET", `/customers/${w.tenantId}/users`);
    const bob = (users.body as { items: { id: string; userPrincipalName: string }[] }).items.find((u) =>
      u.userPrincipalName.startsWith("bob@"),
    )!;
    expect((await w.pc("DELETE", `/customers/${w.tenantId}/users/${bob.id}`)).status).toBeLessThan(300);
    const report = await w.drift(await w.estate());
    expect(categories(report)).toEqual([
      `missing customer:driftco/user:bob@${w.domain}`,
      `missing customer:driftco/user:bob@${w.domain}/license:bp`,
      "utilisation customer:driftco/subscription:bp",
    ]);
    expect(report.findings[0]).toMatchObject({ fix: { step: { action: "create-user" } }, source: { line: 11 } });
    expect(categories(await w.drift(await w.estate({ dropBob: true })))).toEqual([
      "utilisation customer:driftco/subscription:bp",
    ]);
    // put bob back (a soft-deleted user is restored by PATCH state: active) for the tests that follow
    expect((await w.pc("PATCH", `/customers/${w.tenantId}/users/${bob.id}`, { state: "active" })).status).toBeLessThan(
      300,
    );
    await applyEstate(await w.estate());
    expect((await w.drift(await w.estate())).findings).toEqual([]);
  });

  it("unknown: a read that fails is unknown (exit 1 unless --allow-unknown), never drift and never 'no drift'; gone once it reads", async () => {
    await w.emulator.control.faults({ errorRate: 1, routes: ["GET /v1/customers/{customerId}/subscriptions"] });
    const estate = await w.estate();
    const report = await w.drift(estate);
    await w.emulator.control.clearFaults();
    expect(report.findings.map((f) => f.category)).toEqual(["unknown"]);
    expect(report.findings[0]!.message).toMatch(/could not be read/);
    expect(report.summary.drift).toBe(false);
    expect(exitCodeOf(report, false)).toBe(1);
    expect(exitCodeOf(report, true)).toBe(0);
    expect((await w.drift(estate)).findings).toEqual([]);
  });

  it("pending: a linked tenant that has not accepted the invitation; gone once it accepts", async () => {
    const tenantId = randomUUID();
    await w.emulator.control.seed({
      tenants: [{ tenantId, companyName: "Pending Co", domain: "pendco.onmicrosoft.com", users: [] }],
    });
    const customers = `---\napiVersion: cspctl/v1\nkind: Customer\nmetadata: { name: pendco }\nspec:\n  company: { name: Pending Co, domain: pendco.onmicrosoft.com, country: US }\n  tenant: { mode: link, id: ${tenantId} }\n`;
    const estate = await w.estate({ customers });
    const report = await w.drift(estate);
    expect(categories(report)).toEqual(["pending customer:pendco"]);
    expect(report.findings[0]).toMatchObject({ severity: "note", fix: { step: { action: "send-invitation" } } });
    expect(exitCodeOf(report, false)).toBe(0);
    expect(exitCodeOf(report, true)).toBe(0);

    const requests = await w.pc("GET", "/customers/relationshiprequests");
    const invitationId = new URL((requests.body as { url: string }).url).searchParams.get("invitationId")!;
    await w.emulator.control.acceptInvitation(invitationId, tenantId);
    expect((await w.drift(estate)).findings).toEqual([]);
  });

  it("unmanaged with --all: a customer that no document declares; gone once the YAML declares it", async () => {
    const report = await w.drift(await w.estate(), { all: true });
    expect(categories(report)).toEqual(["unmanaged customer:pendco.onmicrosoft.com"]);
    expect(report.findings[0]).toMatchObject({
      customer: null,
      fix: { yaml: expect.stringContaining("cspctl import --tenant pendco.onmicrosoft.com") },
    });
    expect(exitCodeOf(report, false)).toBe(2);
    const junit = renderDriftReport(report, "junit");
    expect(junit).toContain('<testsuite name="undeclared customers" tests="1" failures="1"');
    const customers = `---\napiVersion: cspctl/v1\nkind: Customer\nmetadata: { name: pendco }\nspec:\n  company: { name: Pending Co, domain: pendco.onmicrosoft.com, country: US }\n  tenant: { mode: link }\n`;
    const both = await w.estate({ customers });
    expect((await w.drift(both, { all: true })).findings).toEqual([]);
    // a selection narrows what is read, not what is declared: pendco's document declares it
    const selected = await w.drift(both, { all: true, selection: { names: ["driftco"] } });
    expect(selected.customers).toEqual(["driftco"]);
    expect(selected.findings).toEqual([]);
  });

  it("pending: a trial converting within the horizon; gone once it has converted", async () => {
    const trialId = randomUUID();
    const now = new Date((await w.emulator.control.clock()).now);
    await w.emulator.control.seed({
      partners: [
        {
          tenantId: w.emulator.env.CSPCTL_TENANT_ID,
          customers: [
            {
              tenantId: w.tenantId,
              domain: w.domain,
              subscriptions: [
                {
                  id: trialId,
                  offerId: "CFQ7TTC0LH18:0001",
                  isTrial: true,
                  autoRenewEnabled: true,
                  purchasedAt: new Date(now.getTime() - 22 * 86_400_000).toISOString(),
                },
              ],
            },
          ],
        },
      ],
    });
    const estate = await w.estate({
      subscriptions:
        "    - { name: basic-trial, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 25, trial: { convert: auto } }\n",
    });
    const report = await w.drift(estate);
    expect(categories(report)).toEqual(["pending customer:driftco/subscription:basic-trial"]);
    expect(report.findings[0]!.message).toMatch(
      /converts to a paid subscription on \d{4}-\d\d-\d\d \(within 14 days\)/,
    );
    expect((await w.drift(estate, { horizonDays: 3 })).findings).toEqual([]);

    await w.emulator.control.advanceClock("P10D");
    const after = await w.drift(estate);
    expect(categories(after).filter((c) => c.startsWith("pending"))).toEqual([]);
  });

  it("pending: a term ending with auto-renew off; gone once the YAML turns auto-renew on and apply writes it", async () => {
    const id = randomUUID();
    const now = new Date((await w.emulator.control.clock()).now);
    await w.emulator.control.seed({
      partners: [
        {
          tenantId: w.emulator.env.CSPCTL_TENANT_ID,
          customers: [
            {
              tenantId: w.tenantId,
              domain: w.domain,
              subscriptions: [
                {
                  id,
                  offerId: "CFQ7TTC0LH16:0001",
                  quantity: 1,
                  termDuration: "P1Y",
                  billingCycle: "monthly",
                  autoRenewEnabled: false,
                  purchasedAt: new Date(now.getTime() - 355 * 86_400_000).toISOString(),
                },
              ],
            },
          ],
        },
      ],
    });
    const exo = (autoRenew: boolean) =>
      `    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 1, autoRenew: ${autoRenew} }\n`;
    const trial =
      "    - { name: basic-trial, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 25, trial: { convert: auto } }\n";
    const ending = await w.drift(await w.estate({ subscriptions: trial + exo(false) }));
    expect(
      categories(ending).filter((c) => c.startsWith("pending") || (c.includes(":exo") && !c.startsWith("utilisation"))),
    ).toEqual(["pending customer:driftco/subscription:exo"]);
    expect(ending.findings.find((f) => f.category === "pending")!.message).toMatch(
      /ends with auto-renew off: the subscription expires on \d{4}-\d\d-\d\d/,
    );
    expect(exitCodeOf(ending, false)).toBe(0); // pending is reported, not drift, unless --fail-on pending

    const renewing = await w.estate({ subscriptions: trial + exo(true) });
    expect(categories(await w.drift(renewing))).toContain("changed customer:driftco/subscription:exo");
    await applyEstate(renewing);
    expect(
      categories(await w.drift(renewing)).filter((c) => c.includes(":exo") && !c.startsWith("utilisation")),
    ).toEqual([]);
  });
});

const ORDER = ["changed", "missing", "unmanaged", "pending", "utilisation", "accepted", "unknown"];
function byCategoryOrder(a: string, b: string): number {
  return ORDER.indexOf(a.split(" ")[0]!) - ORDER.indexOf(b.split(" ")[0]!);
}

function yamlWithQuantity(quantity: number): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: driftco }
spec:
  company: { name: Drift Co, domain: ${w.domain}, country: US }
  tenant: { mode: link, id: ${w.tenantId} }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: ${quantity} }
  users:
    - { userPrincipalName: alice@${w.domain}, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: bp }] }
    - { userPrincipalName: bob@${w.domain}, firstName: Bob, lastName: Jones, usageLocation: US, licenses: [{ subscription: bp }] }
`;
}

describe("drift categories against the emulator: subscriptions bought and scheduled in the portal", () => {
  it("unmanaged: a subscription bought outside cspctl; pending: its scheduled next-term change; gone once declared and renewed", async () => {
    const id = randomUUID();
    const now = new Date((await w.emulator.control.clock()).now);
    await w.emulator.control.seed({
      partners: [
        {
          tenantId: w.emulator.env.CSPCTL_TENANT_ID,
          customers: [
            {
              tenantId: w.tenantId,
              domain: w.domain,
              subscriptions: [
                {
                  id,
                  offerId: "CFQ7TTC0LDPB:0001",
                  quantity: 3,
                  termDuration: "P1Y",
                  billingCycle: "monthly",
                  autoRenewEnabled: true,
                  purchasedAt: new Date(now.getTime() - 360 * 86_400_000).toISOString(),
                },
              ],
            },
          ],
        },
      ],
    });
    const only = (report: Awaited<ReturnType<DriftWorld["drift"]>>) =>
      report.findings
        .filter((f) => f.address.endsWith(`subscription:${id}`) || f.address.endsWith("subscription:standard"))
        .map((f) => `${f.category} ${f.address}`);

    const bought = await w.drift(await w.estate());
    expect(only(bought)).toEqual([
      `unmanaged customer:driftco/subscription:${id}`,
      `utilisation customer:driftco/subscription:${id}`,
    ]);
    expect(bought.findings.find((f) => f.category === "unmanaged" && f.address.endsWith(id))!.fix.yaml).toContain(
      "offer: CFQ7TTC0LDPB:0001, term: P1Y, billing: monthly, quantity: 3",
    );
    expect(exitCodeOf(bought, false)).toBe(2);

    // a technician schedules fewer seats for the next term in the portal (GET, modify, PATCH the whole resource)
    const path = `/customers/${w.tenantId}/subscriptions/${id}`;
    const current = (await w.pc("GET", path)).body as Record<string, unknown> & { offerId: string };
    const [productId, skuId, availabilityId] = current.offerId.split(":");
    const scheduled = await w.pc("PATCH", path, {
      ...current,
      scheduledNextTermInstructions: {
        product: { productId, skuId, availabilityId, billingCycle: "monthly", termDuration: "P1Y" },
        quantity: 2,
      },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    const withSchedule = await w.drift(await w.estate());
    expect(only(withSchedule)).toEqual([
      `unmanaged customer:driftco/subscription:${id}`,
      `pending customer:driftco/subscription:${id}`,
      `utilisation customer:driftco/subscription:${id}`,
    ]);
    expect(withSchedule.findings.find((f) => f.category === "pending" && f.address.endsWith(id))!.message).toMatch(
      /^scheduled change .*"quantity":2.* takes effect at renewal on \d{4}-\d\d-\d\d \(within 14 days\)$/,
    );

    // declared as it is (with its renewal): nothing unmanaged, nothing changed; the schedule stays a pending note
    const declared = await w.estate({
      subscriptions:
        "    - { name: standard, offer: CFQ7TTC0LDPB:0001, term: P1Y, billing: monthly, quantity: 3, renewal: { quantity: 2 } }\n",
    });
    const accepted = await w.drift(declared);
    expect(only(accepted)).toEqual([
      "pending customer:driftco/subscription:standard",
      "utilisation customer:driftco/subscription:standard",
    ]);
    expect(
      accepted.findings.find((f) => f.category === "pending" && f.address.endsWith("standard"))!.source,
    ).toMatchObject({ line: expect.any(Number) });

    // once the term has renewed, the scheduled change has happened: nothing pending
    await w.emulator.control.advanceClock("P10D");
    expect(only(await w.drift(declared)).filter((c) => c.startsWith("pending"))).toEqual([]);
  });
});
