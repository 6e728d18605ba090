// The estate dashboard (`cspctl report`) and the drift report in headless Chromium (Debian's
// chromium via playwright-core): every page loads from disk with no console errors and no request
// but itself, the customer tabs work by keyboard (Tab reaches the tab list, arrow keys, Home and End
// switch, the panel shows), axe-core finds no serious or critical violation, and screenshots of the
// overview and a customer page are kept in test-artifacts/ for CI to upload.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromium, skipWithoutChromium, watchPage } from "../helpers/chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDashboard } from "../../reconciler/render/dashboard/dashboard-html.js";
import { renderDriftReport } from "../../reconciler/render/drift/render-report.js";
import { readDashboard } from "../../reconciler/views/dashboard-data.js";
import { startDriftWorld, type DriftWorld } from "../integration/drift/drift-world.js";

// What the page functions below touch in the browser (the test project compiles without the DOM library).
declare const document: {
  activeElement: { getAttribute(name: string): string | null; textContent: string | null } | null;
};
declare const window: {
  axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
};

const skip = skipWithoutChromium("the dashboard browser test");

const ARTIFACTS = resolve("test-artifacts", "dashboard");
const AXE = readFileSync(resolve("node_modules", "axe-core", "axe.min.js"), "utf8");

let w: DriftWorld;
let browser: Browser;
const url = (path: string): string => pathToFileURL(join(ARTIFACTS, path)).href;

beforeAll(async () => {
  if (skip) return;
  w = await startDriftWorld();
  // Out of band: seats raised in the portal, and a user whose display name is markup.
  await w.emulator.control.portal({
    method: "PATCH",
    path: `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`,
    by: "tech@partner.example",
    body: { quantity: 5 },
  });
  await w.emulator.control.portal({
    method: "POST",
    path: `/v1/customers/${w.tenantId}/users`,
    by: "tech@partner.example",
    body: {
      userPrincipalName: `mallory@${w.domain}`,
      firstName: "M",
      lastName: "X",
      displayName: '<script>alert(1)</script><img src="https://example.com/x.png">',
      usageLocation: "US",
      passwordProfile: { password: "Secret-Passw0rd!", forceChangePassword: true },
    },
  });
  const data = await readDashboard(w.client, await w.estate(), {
    now: async () => new Date((await w.emulator.control.clock()).now),
  });
  rmSync(ARTIFACTS, { recursive: true, force: true });
  for (const [path, html] of renderDashboard(data)) {
    mkdirSync(dirname(join(ARTIFACTS, path)), { recursive: true });
    writeFileSync(join(ARTIFACTS, path), html);
  }
  writeFileSync(join(ARTIFACTS, "drift.html"), renderDriftReport(data.report, "html"));
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await w?.close();
});

const PAGES = ["index.html", "customers/driftco.html", "drift.html"];

async function open(path: string, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  const watched = watchPage(page);
  await page.goto(url(path));
  await page.waitForLoadState("load");
  const others = watched.requests.filter((r) => r !== url(path)).map((r) => `request: ${r}`);
  return { page, problems: [...watched.problems, ...others] };
}

describe.skipIf(skip)("the dashboard in headless Chromium", { timeout: 120_000 }, () => {
  it.each(PAGES)("%s loads from disk with no console error and no other request", async (path) => {
    const { page, problems } = await open(path);
    expect(await page.locator("h1").count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("follows the overview's link to the customer page and back", async () => {
    const { page, problems } = await open("index.html");
    await page.getByRole("link", { name: "driftco" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("customer:driftco");
    await page.getByRole("link", { name: "Estate dashboard" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("cspctl estate dashboard");
    expect(problems.filter((p) => !p.startsWith("request: file://"))).toEqual([]);
    await page.close();
  });

  it("switches the customer tabs by keyboard", async () => {
    const { page } = await open("customers/driftco.html");
    const role = () => page.evaluate(() => document.activeElement?.getAttribute("role") ?? null);
    expect(await role()).toBeNull(); // nothing is focused (nor outlined) until the reader moves
    for (let i = 0; i < 30 && (await role()) !== "tab"; i++) await page.keyboard.press("Tab");
    expect(await role()).toBe("tab");
    const tabs = page.getByRole("tab");
    await expect(tabs.nth(0).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(page.locator("#tab-drift").isVisible()).resolves.toBe(true);

    await page.keyboard.press("ArrowRight");
    const second = await tabs.nth(1).getAttribute("aria-controls");
    await expect(tabs.nth(1).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Subscriptions");
    await expect(page.locator(`#${second}`).isVisible()).resolves.toBe(true);
    await expect(page.locator("#tab-drift").isVisible()).resolves.toBe(false);

    await page.keyboard.press("End");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Access (GDAP)");
    await page.keyboard.press("ArrowRight"); // wraps to the first
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Drift");
    await page.keyboard.press("ArrowLeft");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Access (GDAP)");
    await page.keyboard.press("Home");
    await expect(page.locator("#tab-drift").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("opens the tab a link names (#panel) and keeps the chosen tab in the address", async () => {
    const { page } = await open("customers/driftco.html");
    await page.getByRole("tab", { name: "Users" }).click();
    const hash = await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
    expect(hash).toMatch(/^#tab-\d+-users$/);
    await page.goto(`${url("customers/driftco.html")}${hash}`);
    await page.reload();
    await expect(page.getByRole("tab", { name: "Users" }).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(page.locator(hash).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("shows every tab panel when printed", async () => {
    const { page } = await open("customers/driftco.html");
    await page.emulateMedia({ media: "print" });
    const panels = page.getByRole("tabpanel", { includeHidden: true });
    const count = await panels.count();
    expect(count).toBe(9);
    for (let i = 0; i < count; i++) await expect(panels.nth(i).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("tablist").isVisible()).resolves.toBe(false);
    await page.close();
  });

  it.each(PAGES)("%s passes axe-core with no serious or critical violation", async (path) => {
    // axe is injected past the page's CSP (which rightly forbids any script but its own).
    const { page } = await open(path, { bypassCSP: true });
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.close();
  });

  it("keeps screenshots of the overview and a customer page", async () => {
    for (const [path, png] of [
      ["index.html", "overview.png"],
      ["customers/driftco.html", "customer.png"],
    ] as const) {
      const { page } = await open(path);
      const file = join(ARTIFACTS, png);
      writeFileSync(file, await page.screenshot({ fullPage: true }));
      expect(readFileSync(file).subarray(1, 4).toString("ascii")).toBe("PNG");
      console.log(`screenshot: ${file}`);
      await page.close();
    }
  });
});
