// The load-estate bench case (issue 2's 10,000-customer figure) at a small size, so that the case
// cannot rot: its generated estates must load, with every customer, in all three layouts. No timing
// assertion: the speed is what `npm run bench -- load-estate` reports.
import { describe, expect, it } from "vitest";
import { loadEstateRows } from "../../bench/cases/load-estate.js";

describe("npm run bench -- load-estate, at 200 customers", () => {
  it("loads the one-file-per-customer, multi-document and planner-pure estates completely", async () => {
    const rows = await loadEstateRows(200);
    expect(rows.map((r) => r.name)).toEqual([
      "loadEstate 200 customers (200 files)",
      "loadEstate 200 customers (2 files x 100 docs)",
      "loadEstate planner-pure estate (200 customers x 20 users)",
    ]);
    for (const row of rows) {
      expect(row.unit).toBe("ms");
      expect(row.value).toBeGreaterThan(0);
      expect(row.note).toMatch(/CPU \d+ ms$/);
    }
    expect(rows.map((r) => r.target)).toEqual(["< 10000 ms", "< 10000 ms", ""]);
  }, 60_000);
});
