// `cspctl show`: each customer tab read live from the emulator over real HTTP, with the estate's
// names on declared objects and undeclared ones marked; each tab makes only its own calls; the
// HTML view escapes hostile Partner Center text; `show estate` sums seats and says "no prices".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSince, parseTabs } from "../../../cli/commands/show.js";
import type { DesiredCustomer } from "../../../reconciler/model/desired-estate.js";
import { type CustomerTab, type CustomerView, readCustomerView } from "../../../reconciler/views/customer-view.js";
import { readEstateView } from "../../../reconciler/views/estate-view.js";
import { renderCustomerView, renderEstateView } from "../../../reconciler/render/show/render-view.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
let declared: DesiredCustomer;
const HOSTILE = '<img src=x onerror="alert(1)">\u001b[2J';

beforeAll(async () => {
  w = await startDriftWorld();
  declared = (await w.estate()).customers[0]!;
  // Undeclared: a user made in the portal and a subscription bought by another tool.
  const user = await w.emulator.control.portal({
    method: "POST",
    path: `/v1/customers/${w.tenantId}/users`,
    by: "tech@partner.example",
    body: {
      userPrincipalName: `carol@${w.domain}`,
      firstName: "Carol",
      lastName: "King",
      displayName: HOSTILE,
      usageLocation: "US",
      passwordProfile: { password: "Secret-Passw0rd!", forceChangePassword: true },
    },
  });
  expect(user.status).toBe(200);
  await w.client.partnerCenter.orders.purchase(
    w.tenantId,
    [{ productId: "CFQ7TTC0LH18", skuId: "0001", quantity: 1, termDuration: "P1Y", billingCycle: "monthly" }],
    { country: "US" },
  );
});
afterAll(async () => {
  await w?.close();
});

const now = async (): Promise<Date> => new Date((await w.emulator.control.clock()).now);
const view = async (tabs: CustomerTab[], since?: Date): Promise<CustomerView> =>
  readCustomerView(w.client, declared, { tabs, now: await now(), ...(since ? { since } : {}) });
const calls = async (): Promise<Record<string, number>> => (await w.emulator.control.stats()).requests;

describe("cspctl show customer", () => {
  it("subscriptions: the estate's name on the declared one, the other marked undeclared", async () => {
    const { tabs } = await view(["subscriptions"]);
    const rows = tabs.subscriptions as { name: string | null; id: string; quantity: number }[];
    expect(rows.find((r) => r.id === w.subscriptionId)).toMatchObject({ name: "bp", quantity: 2 });
    expect(rows.filter((r) => r.name === null)).toHaveLength(1);
    expect(renderCustomerView(await view(["subscriptions"]), "text")).toMatch(/\(undeclared\)\s+CFQ7TTC0LH18:0001/);
  });

  it("products and users: seats purchased and assigned; carol is undeclared", async () => {
    const { tabs } = await view(["products", "users"]);
    expect(tabs.products).toContainEqual(
      expect.objectContaining({ sku: "SPB", purchased: 2, assigned: 2, available: 0 }),
    );
    const users = tabs.users as { userPrincipalName: string; declared: boolean; licences: string[] }[];
    expect(users.find((u) => u.userPrincipalName === `alice@${w.domain}`)).toMatchObject({
      declared: true,
      licences: ["SPB"],
    });
    expect(users.find((u) => u.userPrincipalName === `carol@${w.domain}`)).toMatchObject({ declared: false });
  });

  it("orders: only the orders call, lines named where the subscription is declared", async () => {
    await w.emulator.control.resetStats();
    const { tabs } = await view(["orders"]);
    const requests = await calls();
    expect(requests["GET /v1/customers/{customerId}/orders"]).toBe(1);
    expect(requests["GET /v1/customers/{customerId}/subscriptions"]).toBeUndefined();
    expect(requests["GET /v1/customers"]).toBeUndefined(); // the estate links the tenant id
    const orders = tabs.orders as { lines: { offer: string; quantity: number }[] }[];
    expect(orders.flatMap((o) => o.lines)).toContainEqual(
      expect.objectContaining({ offer: expect.stringMatching(/^CFQ7TTC0LH18:0001/), quantity: 1 }),
    );
  });

  it("profile and audit: the billing profile, and who did what since --since", async () => {
    const { tabs } = await view(["profile", "audit"]);
    expect(tabs.profile).toMatchObject({ id: w.tenantId, domain: w.domain, companyName: "Drift Co" });
    const audit = tabs.audit as { records: { operation: string; by: string | null; object: string | null }[] };
    expect(audit.records[0]).toMatchObject({ operation: "create_order" });
    expect(audit.records).toContainEqual(
      expect.objectContaining({ operation: "create_customer_user", by: "tech@partner.example" }),
    );
    const tomorrow = new Date((await now()).getTime() + 86_400_000);
    const later = (await view(["audit"], tomorrow)).tabs.audit as { records: unknown[] };
    expect(later.records).toEqual([]);
  });

  it("access: the customer's GDAP relationships with their roles and access assignments", async () => {
    const { tabs } = await view(["access"]);
    const rows = tabs.access as { status: string; roles: string[]; assignments: { roles: string[] }[] }[];
    // a customer created through Partner Center gets the default relationship, active
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ status: "active" });
    expect(rows[0]!.roles).toContain("User Administrator");
    expect(renderCustomerView(await view(["access"]), "text")).toContain("User Administrator");
  });

  it("escapes Partner Center's text: HTML in the page, control characters on the terminal", async () => {
    const all = await view(["users", "audit"]);
    const html = renderCustomerView(all, "html");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Content-Security-Policy");
    const text = renderCustomerView(all, "text");
    expect(text).not.toContain("\u001b[2J");
    expect(text).toContain("\\u001b[2J");
    expect(JSON.parse(renderCustomerView(all, "json")).tabs.users.length).toBe(3);
  });

  it("reads the flags: tabs, dates", () => {
    expect(parseTabs(["orders,audit"])).toEqual(["orders", "audit"]);
    expect(() => parseTabs(["invoice"])).toThrow(/no such tab/);
    expect(parseSince("2026-11-01")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(() => parseSince("yesterday")).toThrow(/expected a date/);
  });
});

describe("cspctl show estate", () => {
  it("lists each customer's seats, its monthly cost from the price sheet, and its drift status", async () => {
    const estateView = await readEstateView(w.client, await w.estate(), { now });
    expect(estateView.customers).toEqual([
      {
        name: "driftco",
        domain: w.domain,
        // bp's 2 seats, both assigned, and the undeclared Basic seat bought above, unused
        seats: { purchased: 3, assigned: 2, unused: 1 },
        monthlyCost: 42, // from the emulator's US price sheet
        drift: "drift",
        findings: expect.any(Number),
      },
    ]);
    const text = renderEstateView(estateView, "text");
    expect(text).toMatch(/driftco\s+driftco\.onmicrosoft\.com\s+3\s+2\s+1\s+42\.00\s+drift/);
    // a customer whose market has no price sheet shows "no prices", never 0
    const unpriced = {
      ...estateView,
      customers: estateView.customers.map((c) => ({ ...c, monthlyCost: null })),
      totals: { ...estateView.totals, monthlyCost: null },
    };
    expect(renderEstateView(unpriced, "text")).toMatch(
      /driftco\s+driftco\.onmicrosoft\.com\s+3\s+2\s+1\s+no prices\s+drift/,
    );
  });
});

describe("cspctl show customer: invoices", () => {
  it("each of the latest invoices with this customer's charges on it, matching the invoice when it is the only customer", async () => {
    // the world bought its subscriptions in the last billing cycle, which the emulator has invoiced
    const rows = (await view(["invoices"])).tabs.invoices as {
      invoiceId: string;
      customerTotalCents: number;
      lines: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const invoices = await w.client.billing.invoices();
    const invoice = invoices.find((i) => i.id === rows[0]!.invoiceId)!;
    expect(rows[0]!.lines).toBeGreaterThan(0);
    expect(rows[0]!.customerTotalCents).toBe(invoice.totalCents);
    expect(renderCustomerView(await view(["invoices"]), "text")).toContain(rows[0]!.invoiceId);
  });
});
