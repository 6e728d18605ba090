// A drift finding names who changed the object and when, from the activity log: here an
// out-of-band change made through the emulator's API as a portal user. The log is read only for
// customers with findings, and its untrusted text is escaped in every output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import { startDriftWorld, type DriftWorld } from "./drift-world.js";

let w: DriftWorld;
beforeAll(async () => {
  w = await startDriftWorld();
});
afterAll(async () => {
  await w?.close();
});

async function portalQuantity(quantity: number, by: string, via: string): Promise<void> {
  const path = `/v1/customers/${w.tenantId}/subscriptions/${w.subscriptionId}`;
  const current = await w.pc("GET", path.slice(3));
  const answer = await w.emulator.control.portal({
    method: "PATCH",
    path,
    body: { ...current.body, quantity },
    by,
    via,
  });
  expect(answer.status).toBe(200);
}

const auditReads = async (): Promise<number> =>
  (await w.emulator.control.stats()).requests["GET /v1/auditrecords"] ?? 0;

describe("drift findings name their author", () => {
  it("reads no activity log when nothing drifted", async () => {
    await w.emulator.control.resetStats();
    const report = await w.drift(await w.estate());
    expect(report.findings).toEqual([]);
    expect(await auditReads()).toBe(0);
  });

  it("says who changed the quantity, through what, and when, in JSON, text and HTML", async () => {
    await portalQuantity(7, "tech@partner.example", "Partner Center");
    const at = (await w.emulator.control.clock()).now;
    await w.emulator.control.resetStats();
    const report = await w.drift(await w.estate());
    expect(await auditReads()).toBe(1);
    const changed = report.findings.find((f) => f.category === "changed")!;
    expect(changed.lastChange).toEqual({
      by: "tech@partner.example",
      via: "Partner Center",
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      operation: "update_subscription",
      change: "quantity 2 → 7",
    });
    expect(changed.lastChange!.at.slice(0, 15)).toBe(at.slice(0, 15));
    const line = `quantity 2 → 7 by tech@partner.example via Partner Center, ${at.slice(0, 10)} ${changed.lastChange!.at.slice(11, 16)} UTC`;
    expect(renderDriftReport(report, "text")).toContain(`last change: ${line}`);
    expect(renderDriftReport(report, "html")).toContain(line);
    expect(JSON.parse(renderDriftReport(report, "json")).findings[0].lastChange.by).toBe("tech@partner.example");
    // utilisation findings are not changes anyone authored
    expect(report.findings.find((f) => f.category === "utilisation")?.lastChange).toBeUndefined();
  });

  it("escapes the log's untrusted text: HTML in the HTML report, control characters on the terminal", async () => {
    await portalQuantity(5, '<img src=x onerror="alert(1)">@evil.example', "Portal\u001b[2J\u202e");
    const report = await w.drift(await w.estate());
    const html = renderDriftReport(report, "html");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;@evil.example");
    const text = renderDriftReport(report, "text");
    expect(text).not.toContain("\u001b[2J");
    expect(text).not.toContain("\u202e");
    expect(text).toContain("Portal\\u001b[2J\\u202e");
  });

  it("names no author when the change is older than the window read", async () => {
    const report = await w.drift(await w.estate(), { auditDays: 0 });
    expect(report.findings.find((f) => f.category === "changed")?.lastChange).toBeUndefined();
    await w.emulator.control.advanceClock("P31D");
    const later = await w.drift(await w.estate());
    expect(later.findings.find((f) => f.category === "changed")?.lastChange).toBeUndefined();
  });
});
