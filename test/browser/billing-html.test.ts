// The HTML billing report in headless Chromium (as the drift report's test): no console errors, no
// request besides the file itself, a chart per cycle, and the hostile customer name shown as text.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderBilling } from "../../reconciler/render/billing/render-billing.js";
import { launchChromium, skipWithoutChromium, watchPage } from "../helpers/chromium.js";
import { reportFixture } from "../unit/billing/billing-fixture.js";

declare const window: {
  axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
};

const skip = skipWithoutChromium("the HTML billing browser test");
const AXE = readFileSync(resolve("node_modules", "axe-core", "axe.min.js"), "utf8");

let browser: Browser;
let url: string;

beforeAll(async () => {
  if (skip) return;
  const file = join(mkdtempSync(join(tmpdir(), "cspctl-billing-html-")), "billing.html");
  writeFileSync(file, renderBilling(reportFixture(), "html"));
  url = pathToFileURL(file).href;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(skip)("the HTML billing report in headless Chromium", () => {
  it("renders offline without console errors, with a chart per cycle and escaped names", async () => {
    const page = await browser.newPage();
    const { problems, requests } = watchPage(page);
    await page.goto(url);
    await page.waitForLoadState("load");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator("section svg").count()).toBe(1);
    expect(await page.locator("section svg rect.cost").count()).toBe(2);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("tbody tr").count()).toBe(3);
    expect(await page.locator("body").textContent()).toContain("<img src=x onerror=alert(1)>");
    await page.close();
  });

  it("is in cspctl's one look and passes axe-core with no serious or critical violation", async () => {
    const page = await browser.newPage({ bypassCSP: true }); // axe is injected past the page's CSP
    await page.goto(url);
    expect(await page.locator("main.page header.top h1").textContent()).toBe("Billing report");
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.close();
  });
});
