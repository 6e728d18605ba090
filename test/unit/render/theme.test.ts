// One look for every HTML page: the drift report, `cspctl show --format html` and the billing report inline the same
// stylesheet; the verdict is emphasised with a symbol and words (never colour alone); counts are cards;
// printing shows every tab panel and hides navigation.
import { describe, expect, it } from "vitest";
import { renderBilling } from "../../../reconciler/render/billing/render-billing.js";
import { renderDriftReport } from "../../../reconciler/render/drift/render-report.js";
import { STYLESHEET, tabs, verdictBanner } from "../../../reconciler/render/theme.js";
import { renderEstateView } from "../../../reconciler/render/show/render-view.js";
import { reportFixture } from "../billing/billing-fixture.js";
import { driftFixture } from "../drift/drift-fixture.js";

describe("the one stylesheet", () => {
  it("is inlined in the drift report, in show's HTML and in the billing report", async () => {
    const { report } = await driftFixture(2);
    const drift = renderDriftReport(report, "html");
    const estate = renderEstateView(
      {
        generatedAt: report.generatedAt,
        customers: [],
        totals: { purchased: 0, assigned: 0, unused: 0, monthlyCost: 0 },
      },
      "html",
    );
    const billing = renderBilling(reportFixture(), "html");
    for (const html of [drift, estate, billing]) {
      expect(html).toContain(`<style>${STYLESHEET}</style>`);
      expect(html).toContain("default-src 'none'");
    }
    expect(drift).toMatch(
      /<p id="verdict" class="verdict verdict-unknown" data-verdict="unknown" data-drift="true"><span class="icon" aria-hidden="true">\?<\/span><span>Drift: UNKNOWN/,
    );
    expect(drift).toMatch(
      /<ul class="cards" id="summary"[^>]*><li class="card"><span class="value" data-count="changed">\d+<\/span><span class="label">changed<\/span>/,
    );
  });

  it("has a print style that shows every tab panel and hides navigation, and a maximum width", () => {
    const print = STYLESHEET.slice(STYLESHEET.indexOf("@media print"));
    expect(print).toContain("[role=tabpanel][hidden]");
    expect(print).toMatch(/nav,\[role=tablist\][^{]*\{display:none!important\}/);
    expect(STYLESHEET).toMatch(/\.page\{max-width:72rem/);
    expect(STYLESHEET).toContain("grid-template-columns:repeat(auto-fill,minmax(10rem,1fr))");
  });

  it("says the verdict in words beside its colour, and escapes it", () => {
    expect(verdictBanner("ok", "no drift <b>")).toContain("✔</span><span>no drift &lt;b&gt;</span>");
    expect(verdictBanner("unknown", "x")).toContain('class="verdict verdict-unknown"');
  });

  it("marks up tabs with ARIA roles: the first selected and focusable, the others reachable by arrow keys", () => {
    const html = tabs("Customer tabs", [
      { id: "a", label: "A <1>", body: "<p>a</p>" },
      { id: "b", label: "B", body: "<p>b</p>" },
    ]);
    expect(html).toContain('<div role="tablist" aria-label="Customer tabs">');
    expect(html).toContain(
      'role="tab" id="tab-a" aria-controls="a" aria-selected="true" tabindex="0">A &lt;1&gt;</button>',
    );
    expect(html).toContain('role="tab" id="tab-b" aria-controls="b" aria-selected="false" tabindex="-1">B</button>');
    expect(html).toContain('<section role="tabpanel" id="b" aria-labelledby="tab-b" tabindex="0"><p>b</p></section>');
  });
});
