import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, cpSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalog, findLicenseSku, findOffer } from "../../../core/catalog.js";

describe("embedded catalog", () => {
  it("is what scripts/build-catalog.mjs derives from data/catalog-research", () => {
    const work = mkdtempSync(join(tmpdir(), "cspctl-catalog-"));
    cpSync(join(import.meta.dirname, "..", "..", "..", "scripts"), join(work, "scripts"), { recursive: true });
    cpSync(join(import.meta.dirname, "..", "..", "..", "data"), join(work, "data"), { recursive: true });
    execFileSync(process.execPath, [join(work, "scripts", "build-catalog.mjs")]);
    expect(JSON.parse(readFileSync(join(work, "data", "catalog.json"), "utf8"))).toEqual(catalog);
  });

  it("follows R-TERM-3 (docs/nce-rules.md) for every offer's billing", () => {
    const allowed = { P1M: ["monthly"], P1Y: ["monthly", "annual"], P3Y: ["monthly", "annual", "triennial"] };
    for (const offer of Object.values(catalog.offers)) {
      for (const term of offer.terms) {
        const cycles = offer.billing[term] ?? [];
        expect(cycles.length, offer.id).toBeGreaterThan(0);
        for (const cycle of cycles) expect(allowed[term], `${offer.id} ${term}`).toContain(cycle);
      }
    }
  });

  it("keeps Microsoft's sourced values (Business Basic: P1Y, 1..300, O365_BUSINESS_ESSENTIALS)", () => {
    const basic = findOffer("CFQ7TTC0LH18:0001");
    expect(basic).toMatchObject({
      terms: ["P1Y"],
      minimumQuantity: 1,
      maximumQuantity: 300,
      skuPartNumber: "O365_BUSINESS_ESSENTIALS",
    });
    expect(findLicenseSku("O365_BUSINESS_ESSENTIALS")?.skuId).toBe("3b555118-da6a-4418-894f-7df1e2096870");
    expect(findOffer("CFQ7TTC0HDJX:0001")).toMatchObject({ isAddOn: true, prerequisites: ["CFQ7TTC0LFLX:0001"] });
    expect(findOffer("__proto__")).toBeUndefined();
  });
});
