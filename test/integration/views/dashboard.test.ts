// `cspctl report`'s site read from the emulator over real HTTP: an overview with the customer's seats,
// drift verdict and "no prices", a customer page with every tab of `show customer` plus its drift
// findings (with the author of an out-of-band change), hostile Partner Center text escaped, and
// customer file names that cannot leave the folder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerFileNames, renderDashboard } from "../../../reconciler/render/dashboard/dashboard-html.js";
import { readDashboard } from "../../../reconciler/views/dashboard-data.js";
import { startDriftWorld, type DriftWorld } from "../drift/drift-world.js";

let w: DriftWorld;
let site: Map<string, string>;
let requests: Record<string, number>;
const HOSTILE = '<img src=x onerror="alert(1)">';

beforeAll(async () => {
  w = await startDriftWorld();
  // Out of band, in the portal: a user with a hostile display name, and the seats raised 2 → 5.
  const user = await w.emulator.control.portal({
    method: "POST",
    path: `/v1/customers/${w.tenantId}/users`,
    by: "tech@partner.example",
    body: {
      userPrincipalName: `mallory@${w.domain}`,
      firstName: "M",
      lastName: "X",
      displayName: HOSTILE,
      usageLocation: "US",
      passwordProfile: { password: "Secret-Passw0rd!", forceChangePassword: true },
    },
  });
  expect(user.status).toBe(200);
  const resize = await w.emulator.control.portal({
    method: "PATCH",
    path: `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`,
    by: "tech@partner.example",
    body: { quantity: 5 },
  });
  expect(resize.status).toBe(200);
  const estate = await w.estate();
  await w.emulator.control.resetStats();
  const data = await readDashboard(w.client, estate, {
    now: async () => new Date((await w.emulator.control.clock()).now),
  });
  requests = (await w.emulator.control.stats()).requests;
  site = renderDashboard(data);
});
afterAll(async () => {
  await w?.close();
});

describe("cspctl report's site", () => {
  it("has an overview and one page per customer, linked relatively", () => {
    expect([...site.keys()]).toEqual(["index.html", "customers/driftco.html"]);
    const index = site.get("index.html")!;
    expect(index).toContain('<a href="customers/driftco.html">driftco</a>');
    expect(index).toMatch(/<p id="verdict" class="verdict verdict-drift"/);
    expect(index).toMatch(
      // the monthly cost comes from the emulator's US price sheet
      /<td class="num">5<\/td><td class="num">2<\/td><td class="num">3<\/td><td class="num">40%<\/td><td class="num">[^<]*\d[^<]*<\/td>/,
    );
    expect(index).toContain('<span class="value" data-count="unused">3</span>');
    expect(index).toContain("GDAP relationships");
    // cost over time: the partner's invoices as bars and as a table with the same figures
    expect(index).toContain("<h2>Cost over time</h2>");
    expect(index).toMatch(/<table id="cost-history">.*<td>\d{4}-\d{2}<\/td><td class="num">\d+\.\d\d USD<\/td>/s);
    expect(index).toMatch(/<svg role="img" aria-labelledby="cost-title"/);
  });

  it("shows every tab of show customer on the customer page, with the drift finding's author", () => {
    const page = site.get("customers/driftco.html")!;
    for (const label of [
      "Drift",
      "Subscriptions",
      "Products (licences)",
      "Users",
      "Orders",
      "Invoices",
      "Profile",
      "Audit log",
      "Access (GDAP)",
    ])
      expect(page).toContain(`>${label}</button>`);
    expect(page).toContain('<a href="../index.html">Estate dashboard</a>');
    expect(page).toMatch(/<small class="author">[^<]*tech@partner\.example/);
    expect(page).toContain("Access (GDAP)");
  });

  it("escapes what Partner Center returned", () => {
    const page = site.get("customers/driftco.html")!;
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    for (const html of site.values()) expect(html).not.toContain("<img");
  });
});

describe("what cspctl report reads", () => {
  it("reads each customer's subscriptions, licences and users once: the tabs take them from the drift read", () => {
    expect(requests["GET /v1/customers/{customerId}/subscriptions"]).toBe(1);
    expect(requests["GET /v1/customers/{customerId}/subscribedskus"]).toBe(1);
    expect(requests["GET /graph/v1.0/users"]).toBe(1);
  });
});

describe("customer file names", () => {
  it("keep to letters, digits, - and _, and never clash", () => {
    const files = customerFileNames(["../../etc/passwd", "Contoso", "contoso", "", "a/b\\c"]);
    expect([...files.values()]).toEqual([
      "etc-passwd.html",
      "contoso.html",
      "contoso-2.html",
      "customer.html",
      "a-b-c.html",
    ]);
  });
});
