// False drift, the top complaint partners have: findings must be real differences, and what cannot
// be known must not be reported as drift (or as a pass). Each case runs the real loader and planner.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { findLicenseSku } from "../../../core/catalog.js";
import { computeDrift } from "../../../reconciler/drift/compute-drift.js";
import type { DriftReport } from "../../../reconciler/drift/drift-report.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { ActualCustomer } from "../../../reconciler/read/actual-estate.js";
import { renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import {
  actualCustomer,
  actualEstate,
  actualSubscription,
  actualUser,
  estateFromYaml,
} from "../../helpers/estate-fixtures.js";

const NOW = new Date("2026-11-23T00:00:00Z");
const SPB = findLicenseSku("SPB")!.skuId;
const BP = "CFQ7TTC0LCHC:0002";

function customerYaml(spec: string, tenant = "{ mode: link }"): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: trustco }
spec:
  company: { name: Trust Co, domain: trustco.onmicrosoft.com, country: US }
  tenant: ${tenant}
${spec}`;
}

async function drift(yaml: string, customers: ActualCustomer[]): Promise<DriftReport> {
  const estate = await estateFromYaml(yaml);
  const actual = actualEstate(customers);
  const plan = planChanges(estate, actual, { now: NOW });
  return computeDrift({ plan, actual, customers: estate.customers, locate: (a, f) => estate.locate(a, f) });
}

const found = (report: DriftReport): string[] =>
  report.findings.map(
    (f) => `${f.category} ${f.address}${f.changedFields.length ? ` [${f.changedFields.join(",")}]` : ""}`,
  );

describe("drift reports each real difference once, and nothing else", () => {
  it("a schedule the planner writes again after another change is not a renewal difference", async () => {
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 3, friendlyName: Main, renewal: { quantity: 2 } }
`);
    const actual = actualCustomer({
      domain: "trustco.onmicrosoft.com",
      subscriptions: [
        actualSubscription({
          id: "s1",
          offerId: BP,
          quantity: 3,
          friendlyName: "Renamed in the portal",
          scheduledNextTerm: { quantity: 2, term: "P1Y", billing: "monthly" },
        }),
      ],
      subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 3, consumedUnits: 3, suspendedUnits: 0 }],
    });
    const report = await drift(yaml, [actual]);
    // the planner does rewrite the schedule (a mid-term change wipes it, R-REN-4), but it did not drift
    const plan = planChanges(await estateFromYaml(yaml), actualEstate([actual]), { now: NOW });
    expect(plan.steps.map((s) => `${s.action} ${s.reason}`)).toEqual([
      "update-subscription friendly_name_changed",
      "schedule-renewal schedule_rewritten_after_change",
    ]);
    expect(found(report)).toEqual(["changed customer:trustco/subscription:bp [friendlyName]"]);
    expect(report.findings[0]!.fix.step).toMatchObject({ action: "update-subscription" });

    // a schedule that really differs is still reported
    const changedSchedule = await drift(yaml, [
      {
        ...actual,
        subscriptions: [
          {
            ...actual.subscriptions![0]!,
            friendlyName: "Main",
            scheduledNextTerm: { quantity: 1, term: "P1Y", billing: "monthly" },
          },
        ],
      },
    ]);
    expect(found(changedSchedule)).toEqual(["changed customer:trustco/subscription:bp [renewal]"]);
  });

  it("a declared subscription that is missing is one missing finding, not also a changed state or renewal", async () => {
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 3 }
    - { name: parked, offer: ${BP}, term: P1Y, billing: annual, quantity: 1, state: suspended }
    - { name: later, offer: ${BP}, term: P1Y, billing: monthly, quantity: 4, friendlyName: Later, renewal: { quantity: 2 } }
`);
    const actual = actualCustomer({
      domain: "trustco.onmicrosoft.com",
      subscriptions: [actualSubscription({ id: "s1", offerId: BP, quantity: 3 })],
      subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 3, consumedUnits: 3, suspendedUnits: 0 }],
    });
    const report = await drift(yaml, [actual]);
    expect(found(report)).toEqual([
      "missing customer:trustco/subscription:later",
      "missing customer:trustco/subscription:parked",
    ]);
    expect(report.summary.byCategory.changed).toBe(0);
  });

  it("a missing customer is one missing finding, not also a changed qualification", async () => {
    const yaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: trustco }
spec:
  company: { name: Trust Co, domain: trustco.onmicrosoft.com, country: US, qualification: education }
  tenant: { mode: create }
  billing: { email: ap@trustco.example, firstName: Ada, lastName: Lee, address: { line1: 1 Main St, city: Seattle, state: WA, postalCode: "98101", country: US } }
`;
    const report = await drift(yaml, []);
    expect(found(report)).toEqual(["missing customer:trustco"]);
  });
});

describe("the YAML that accepts a change is valid estate YAML", () => {
  it("names disabled service plans (not their ids) and nests billing fields", async () => {
    const teams1 = findLicenseSku("SPB")!.servicePlans.find((p) => p.name === "TEAMS1")!;
    const yaml =
      customerYaml(`  billing: { email: ap@trustco.example, firstName: Ada, lastName: Lee, address: { line1: 1 Main St, city: Seattle, state: WA, postalCode: "98101", country: US } }
  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: ann@trustco.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
`);
    const held = actualCustomer({
      domain: "trustco.onmicrosoft.com",
      billing: {
        email: "billing@trustco.example",
        firstName: "Ada",
        lastName: "Lee",
        phone: null,
        culture: "en-US",
        language: "en",
      },
      subscriptions: [actualSubscription({ id: "s1", offerId: BP, quantity: 1 })],
      subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 1, consumedUnits: 1, suspendedUnits: 0 }],
      users: [
        actualUser("ann@trustco.onmicrosoft.com", {
          firstName: "Ann",
          lastName: "Lee",
          displayName: "Ann Lee",
          licenses: [{ skuId: SPB, disabledPlans: [teams1.id.toUpperCase()] }],
        }),
      ],
    });
    const report = await drift(yaml, [held]);
    expect(found(report)).toEqual([
      "changed customer:trustco [billing.email]",
      "changed customer:trustco/user:ann@trustco.onmicrosoft.com/license:bp [disabledPlans]",
    ]);
    expect(report.findings[0]!.fix.yaml!.split("\n")[0]).toBe("billing: { email: billing@trustco.example }");
    expect(report.findings[1]!.fix.yaml!.split("\n")[0]).toBe("disabledPlans: [ TEAMS1 ]");
    // what it proposes, declared, is no longer drift
    const accepted = yaml
      .replace("email: ap@trustco.example", "email: billing@trustco.example")
      .replace("licenses: [{ subscription: bp }]", "licenses: [{ subscription: bp, disabledPlans: [TEAMS1] }]");
    const again = await drift(accepted, [held]);
    expect(found(again)).toEqual([]);
  });
});

describe("pending reads Partner Center's dates as dates", () => {
  it("a term whose last day is today is still ending (commitmentEndDate is a day, ending at 23:59:59)", async () => {
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 3, autoRenew: false }
`);
    const customer = (termEndDate: string) =>
      actualCustomer({
        domain: "trustco.onmicrosoft.com",
        subscriptions: [actualSubscription({ id: "s1", offerId: BP, quantity: 3, autoRenew: false, termEndDate })],
        subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 3, consumedUnits: 3, suspendedUnits: 0 }],
      });
    const at = async (now: string, termEndDate: string, horizonDays = 14) => {
      const estate = await estateFromYaml(yaml);
      const actual = actualEstate([customer(termEndDate)]);
      return found(
        computeDrift(
          { plan: planChanges(estate, actual, { now: new Date(now) }), actual, customers: estate.customers },
          { horizonDays },
        ),
      );
    };
    const ending = ["pending customer:trustco/subscription:bp"];
    expect(await at("2026-11-23T15:00:00Z", "2026-11-23T00:00:00Z")).toEqual(ending);
    expect(await at("2026-11-23T15:00:00Z", "2026-11-23")).toEqual(ending);
    expect(await at("2026-11-24T00:00:00Z", "2026-11-23T00:00:00Z")).toEqual([]); // over
    // the last day of the horizon counts; the day after does not
    expect(await at("2026-11-23T15:00:00Z", "2026-11-26T00:00:00Z", 3)).toEqual(ending);
    expect(await at("2026-11-23T15:00:00Z", "2026-11-27T00:00:00Z", 3)).toEqual([]);
    // an exact instant is compared as an instant
    expect(await at("2026-11-23T15:00:00Z", "2026-11-23T14:59:59Z")).toEqual([]);
  });
});

describe("utilisation counts only seats whose assignment is known", () => {
  it("leaves out a subscription whose licence SKU the tenant does not list, or whose offer has no licence SKU", async () => {
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 5 }
`);
    const subscription = actualSubscription({ id: "s1", offerId: BP, quantity: 5 });
    const measured = await drift(yaml, [
      actualCustomer({
        domain: "trustco.onmicrosoft.com",
        subscriptions: [subscription],
        subscribedSkus: [
          { skuId: SPB.toUpperCase(), skuPartNumber: "SPB", activeUnits: 5, consumedUnits: 2, suspendedUnits: 0 },
        ],
      }),
    ]);
    expect(measured.utilisation[0]).toMatchObject({ purchased: 5, assigned: 2, unused: 3 });
    expect(found(measured)).toEqual(["utilisation customer:trustco/subscription:bp"]);

    // the tenant does not list the SKU (Graph lags a new subscription): not "5 unused"
    const unlisted = await drift(yaml, [
      actualCustomer({ domain: "trustco.onmicrosoft.com", subscriptions: [subscription], subscribedSkus: [] }),
    ]);
    expect(unlisted.utilisation[0]).toMatchObject({ purchased: 0, unused: 0, subscriptions: [] });
    expect(found(unlisted)).toEqual([]);

    // an undeclared subscription of an offer the catalog has no licence SKU for: unmanaged, not waste
    const unknownOffer = actualSubscription({ id: "s2", offerId: "CFQ7TTC0ZZZZ:0001", quantity: 7 });
    const uncatalogued = await drift(yaml, [
      actualCustomer({
        domain: "trustco.onmicrosoft.com",
        subscriptions: [subscription, unknownOffer],
        subscribedSkus: [{ skuId: SPB, skuPartNumber: "SPB", activeUnits: 5, consumedUnits: 5, suspendedUnits: 0 }],
      }),
    ]);
    expect(found(uncatalogued)).toEqual(["unmanaged customer:trustco/subscription:s2"]);
    expect(uncatalogued.summary.utilisation).toMatchObject({ purchased: 5, assigned: 5, unused: 0 });
  });
});

describe("what could not be compared has no verdict", () => {
  it("a licence from an offer the catalog has no licence SKU for is skipped in JUnit and listed as a warning, and its seats are not measured", async () => {
    const noTeams = "CFQ7TTC0LCHC:000N";
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${noTeams}, term: P1Y, billing: monthly, quantity: 4 }
  users:
    - { userPrincipalName: ann@trustco.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
`);
    const report = await drift(yaml, [
      actualCustomer({
        domain: "trustco.onmicrosoft.com",
        subscriptions: [actualSubscription({ id: "s1", offerId: noTeams, quantity: 4 })],
        subscribedSkus: [],
        users: [
          actualUser("ann@trustco.onmicrosoft.com", { firstName: "Ann", lastName: "Lee", displayName: "Ann Lee" }),
        ],
      }),
    ]);
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([
      {
        code: "plan.license_sku_unknown",
        address: "customer:trustco/user:ann@trustco.onmicrosoft.com/license:bp",
        message: expect.stringContaining("cannot be planned"),
      },
    ]);
    expect(report.utilisation[0]).toMatchObject({
      purchased: 0,
      unused: 0,
      notMeasured: ["customer:trustco/subscription:bp"],
    });
    const junit = renderDriftReport(report, "junit");
    expect(junit).toMatch(
      /<testcase name="customer:trustco\/user:ann@trustco.onmicrosoft.com\/license:bp"[^>]*>\s*<skipped message="not compared: /,
    );
    expect(junit).toContain('<testsuites name="cspctl drift" tests="4" failures="0" errors="0" skipped="1"');
    expect(renderDriftReport(report, "text")).toContain(
      "warning plan.license_sku_unknown customer:trustco/user:ann@trustco.onmicrosoft.com/license:bp:",
    );
    expect(renderDriftReport(report, "markdown")).toContain(
      "| plan.license_sku_unknown | `customer:trustco/user:ann@trustco.onmicrosoft.com/license:bp` |",
    );
    expect(renderDriftReport(report, "html")).toContain('<ul id="warnings">');
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL("../../../schemas/drift-report.schema.json", import.meta.url), "utf8")),
    );
    expect(validate(JSON.parse(renderDriftReport(report, "json"))) ? [] : validate.errors).toEqual([]);
  });
});

describe("what could not be read has no verdict", () => {
  it("JUnit marks every declared object under an unreadable customer as an error, never a pass", async () => {
    const yaml = customerYaml(`  subscriptions:
    - { name: bp, offer: ${BP}, term: P1Y, billing: monthly, quantity: 5 }
  users:
    - { userPrincipalName: ann@trustco.onmicrosoft.com, firstName: Ann, lastName: Lee, usageLocation: US, licenses: [{ subscription: bp }] }
`);
    const estate = await estateFromYaml(yaml);
    const actual = actualEstate(
      [actualCustomer({ domain: "trustco.onmicrosoft.com", subscriptions: null, subscribedSkus: null, users: null })],
      { unknown: [{ address: "customer:trustco", cause: "503 Service Unavailable" }] },
    );
    const plan = planChanges(estate, actual, { now: NOW });
    const report = computeDrift({ plan, actual, customers: estate.customers });
    const junit = renderDriftReport(report, "junit");
    const cases = [...junit.matchAll(/<testcase name="([^"]+)"[^>]*>\s*<(error|failure)/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    );
    expect(cases).toEqual([
      "error customer:trustco",
      "error customer:trustco/subscription:bp",
      "error customer:trustco/user:ann@trustco.onmicrosoft.com",
      "error customer:trustco/user:ann@trustco.onmicrosoft.com/license:bp",
    ]);
    expect(junit).not.toMatch(/<testcase [^>]*\/>/);
    expect(junit).toContain('errors="4"');
  });
});

/** A report whose one finding is an undeclared customer with this company name, as Partner Center returns it. */
async function hostileReport(companyName: string): Promise<DriftReport> {
  const estate = await estateFromYaml(customerYaml(""));
  const hostile = actualCustomer({ id: "t-evil", domain: "evil.onmicrosoft.com", companyName });
  const actual = actualEstate([actualCustomer({ domain: "trustco.onmicrosoft.com" }), hostile]);
  const report = computeDrift({
    plan: planChanges(estate, actual, { now: NOW, reportUnmanagedCustomers: true }),
    actual,
    customers: estate.customers,
  });
  expect(report.findings.map((f) => f.address)).toEqual(["customer:evil.onmicrosoft.com"]);
  return report;
}

describe("the terminal view", () => {
  it("never writes Partner Center's control characters or bidi overrides raw", async () => {
    const report = await hostileReport("Evil\u001b[2J\u001b]0;pwned\u0007\u202e\u200fCo\nok");
    const text = renderDriftReport(report, "text");
    // the same escapes as every other terminal view (core/terminal-text.ts), a line feed included: one finding, one line
    expect(text).toContain("Evil\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\\u200fCo\\nok");
    expect(text).not.toMatch(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
    );
  });

  it("colours only its own marks, never Partner Center's text", async () => {
    const report = await hostileReport("Evil\u001b[2JCo");
    const text = renderDriftReport(report, "text", { color: true });
    expect(text).toContain("\u001b[36m? unmanaged  \u001b[0m customer:evil.onmicrosoft.com");
    expect(text).toContain("Evil\\u001b[2JCo");
    expect(text.replace(/\u001b\[\d+m/g, "")).toBe(renderDriftReport(report, "text"));
  });
});

describe("the Markdown view (a pull-request comment)", () => {
  it("shows a Partner Center name as text: no link, image, emphasis, HTML, new row or column", async () => {
    const report = await hostileReport(
      "Evil [click](https://evil.example) ![x](https://evil.example/p.png) **Co** <b>|x|\nok",
    );
    const markdown = renderDriftReport(report, "markdown");
    expect(markdown).toContain(
      "Evil \\[click\\](https://evil.example) !\\[x\\](https://evil.example/p.png) \\*\\*Co\\*\\* \\<b\\>\\|x\\|\\\\nok",
    );
    const row = markdown.split("\n").find((line) => line.includes("customer:evil.onmicrosoft.com"))!;
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(5); // four columns, however many pipes the name has
  });
});

describe("a linked customer that is not a customer yet", () => {
  it("says whether an invitation is on record (and its link) or not sent yet", async () => {
    const yaml = customerYaml("");
    const estate = await estateFromYaml(yaml);
    const none = planChanges(estate, actualEstate([]), { now: NOW });
    const notSent = computeDrift({ plan: none, actual: actualEstate([]), customers: estate.customers });
    expect(notSent.findings.map((f) => f.message)).toEqual([
      "customer:trustco is not yet a customer and no reseller invitation is on record: cspctl apply sends one",
    ]);

    const url =
      "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=p1#/BillingAccounts/partner-invitation";
    const invited = actualEstate([], { invitations: [{ domain: "trustco.onmicrosoft.com", tenantId: null, url }] });
    const waiting = computeDrift({
      plan: planChanges(estate, invited, { now: NOW }),
      actual: invited,
      customers: estate.customers,
    });
    expect(waiting.findings).toHaveLength(1);
    expect(waiting.findings[0]).toMatchObject({
      category: "pending",
      message: "customer:trustco is not yet a customer: the reseller invitation has not been accepted",
      fix: { note: `the customer's global admin must accept the reseller invitation: ${url}` },
    });
  });
});

describe("the report's fingerprint", () => {
  it("is of the Partner Center state of the customers it covers, also when no step changes them", async () => {
    // An undeclared subscription appears: unmanaged drift, but no plan step (prune is off), so the
    // plan's fingerprint (the customers it has steps for) is the same for both states.
    const yaml = customerYaml("");
    const clean = await drift(yaml, [actualCustomer({ domain: "trustco.onmicrosoft.com" })]);
    const extra = await drift(yaml, [
      actualCustomer({
        domain: "trustco.onmicrosoft.com",
        subscriptions: [actualSubscription({ id: "s-extra", offerId: BP, quantity: 1 })],
      }),
    ]);
    expect(clean.summary.drift).toBe(false);
    expect(extra.summary.drift).toBe(true);
    expect(extra.fingerprint).not.toBe(clean.fingerprint);
    // nor is it one value shared by every clean estate
    const other = await drift(customerYaml("").replaceAll("trustco", "otherco"), [
      actualCustomer({ domain: "otherco.onmicrosoft.com" }),
    ]);
    expect(other.summary.drift).toBe(false);
    expect(other.fingerprint).not.toBe(clean.fingerprint);
  });
});
