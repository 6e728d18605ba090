// The HTML drift report opened in headless Chromium (Debian's chromium, driven by playwright-core;
// no browser is downloaded): it renders without console errors, shows the summary counts, the
// category filter hides and shows rows, and a screenshot is non-empty.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftReport } from "../../reconciler/drift/drift-report.js";
import { renderDriftReport } from "../../reconciler/render/drift/render-report.js";
import { launchChromium, skipWithoutChromium, watchPage } from "../helpers/chromium.js";
import { driftFixture } from "../unit/drift/drift-fixture.js";

const skip = skipWithoutChromium("the HTML report browser test");

let browser: Browser;
let report: DriftReport;
let url: string;

beforeAll(async () => {
  if (skip) return;
  report = (await driftFixture(6)).report;
  const dir = mkdtempSync(join(tmpdir(), "cspctl-html-"));
  const file = join(dir, "drift.html");
  writeFileSync(file, renderDriftReport(report, "html"));
  url = pathToFileURL(file).href;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(skip)("the HTML drift report in headless Chromium", () => {
  it("renders offline without console errors or failed requests, with the summary counts", async () => {
    const page = await browser.newPage();
    const { problems, requests } = watchPage(page);
    await page.goto(url);
    await page.waitForLoadState("load");
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]); // self-contained: nothing else is fetched
    for (const [category, count] of Object.entries(report.summary.byCategory)) {
      expect(await page.locator(`#summary [data-count="${category}"]`).textContent()).toBe(String(count));
    }
    expect(await page.locator("section.customer").count()).toBe(6);
    expect(await page.locator("svg[role=img] g.bar").count()).toBe(
      report.utilisation.filter((u) => u.purchased > 0).length,
    );
    expect(await page.locator("#shown-count").textContent()).toBe(String(report.findings.length));
    await page.close();
  });

  it("filters by category: unchecking hides that category's rows, checking shows them again", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const changed = page.locator('tr.finding[data-category="changed"]');
    const missing = page.locator('tr.finding[data-category="missing"]');
    const changedCount = report.summary.byCategory.changed;
    expect(changedCount).toBeGreaterThan(0);
    expect(await visibleCount(changed)).toBe(changedCount);

    await page.locator('input[data-filter="changed"]').uncheck();
    expect(await visibleCount(changed)).toBe(0);
    expect(await visibleCount(missing)).toBe(report.summary.byCategory.missing);
    expect(await page.locator("#shown-count").textContent()).toBe(String(report.findings.length - changedCount));

    // only "unknown" left on: the customers without an unknown finding disappear entirely
    for (const category of Object.keys(report.summary.byCategory).filter((c) => c !== "unknown" && c !== "changed"))
      await page.locator(`input[data-filter="${category}"]`).uncheck();
    expect(await visibleCount(page.locator("section.customer"))).toBe(1);

    await page.locator('input[data-filter="changed"]').check();
    expect(await visibleCount(changed)).toBe(changedCount);
    await page.close();
  });

  it("takes a non-empty screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(url);
    const png = await page.screenshot({ fullPage: true });
    if (process.env.CSPCTL_SCREENSHOT) writeFileSync(process.env.CSPCTL_SCREENSHOT, png);
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
    await page.close();
  });
});

async function visibleCount(locator: import("playwright-core").Locator): Promise<number> {
  const all = await locator.all();
  let n = 0;
  for (const item of all) if (await item.isVisible()) n++;
  return n;
}
