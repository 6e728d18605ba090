// Contract: the emulator's NCE price sheet against Microsoft's sample file
// (samples-2/pricesheet.updatedlicensebased.sample.csv): same columns in the same order, every field
// quoted, values of the same kinds; served as a file download to app+user tokens of the Partner API host only.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";

const SAMPLE = readFileSync(
  new URL("../fixtures/partner-center/samples-2/pricesheet.updatedlicensebased.sample.csv", import.meta.url),
  "utf8",
);
const PATH = "/v1.0/sales/pricesheets(Market='US',PricesheetView='updatedlicensebased')/$value";

let emulator: TestEmulator;
let user: string;
beforeAll(async () => {
  emulator = await startEmulator();
  await emulator.control.setClock("2026-11-14T09:30:00Z");
  user = await emulator.token({ audience: "partner-api", kind: "user" });
});
afterAll(async () => emulator.close());

const records = (csv: string): string[][] => parse(csv, { relax_column_count: false }) as string[][];

/** The kind of a price sheet value: how the sample writes numbers, dates, ids and terms. */
function kind(column: string, value: string): string {
  if (value === "") return "empty";
  if (/Date$/.test(column)) return /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/.test(value) ? "date" : value;
  if (column === "UnitPrice" || column === "ERP Price") return /^\d+(\.\d{1,2})?$/.test(value) ? "money" : value;
  if (column === "TermDuration") return /^P(1M|1Y|3Y)$/.test(value) ? "term" : value;
  if (column === "ProductId") return /^[A-Z0-9]{12}$/.test(value) ? "product" : value;
  if (column === "SkuId") return /^[A-Z0-9]{4}$/.test(value) ? "sku" : value;
  return "text";
}

describe("GET /v1.0/sales/pricesheets(…)/$value", () => {
  it("serves the sample's columns, quoting and value kinds as a file download", async () => {
    const result = await emulator.send(PATH, { token: user, headers: { accept: "*/*" } });
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toBe("application/octet-stream");
    expect(result.headers["content-disposition"]).toBe("attachment; filename=sheets.csv");
    const text = result.body as string;
    const [sampleHeader, sampleRow] = records(SAMPLE);
    const [header, ...rows] = records(text);
    expect(header).toEqual(sampleHeader);
    expect(text.split("\r\n")[0]).toBe(SAMPLE.split(/\r?\n/)[0]);
    const paid = rows.filter((row) => row[8] !== "None");
    for (const row of paid.slice(0, 20)) {
      expect(row.map((value, i) => kind(header![i]!, value))).toEqual(
        sampleRow!.map((value, i) => kind(sampleHeader![i]!, value)),
      );
    }
    expect(new Set(rows.map((row) => row[9]))).toEqual(new Set(["US"]));
    expect(new Set(rows.map((row) => row[10]))).toEqual(new Set(["USD"]));
  });

  it("prices every term and billing plan with Microsoft's uplifts, whole-term UnitPrice and ERP (data/PRICES.md)", async () => {
    const text = (await emulator.send(PATH, { token: user })).body as string;
    const rows = records(text).slice(1);
    const e3 = rows.filter((row) => row[1] === "CFQ7TTC0LFLX" && row[2] === "0001");
    const byPlan = Object.fromEntries(e3.map((row) => [`${row[7]} ${row[8]}`, [row[11], row[17]]]));
    // Microsoft 365 E3 lists at $36.00 a user a month on an annual term paid up front.
    expect(byPlan).toEqual({
      // P1M: 36.00 × 1.2 = 43.20 ERP; partner 43.20 × 0.8 = 34.56
      "P1M Monthly": ["34.56", "43.2"],
      // P1Y billed monthly: 36.00 × 1.05 = 37.80 a month, × 12 = 453.60 ERP; partner 37.80 × 0.8 = 30.24, × 12 = 362.88
      "P1Y Monthly": ["362.88", "453.6"],
      // P1Y billed annually: 36.00 × 12 = 432 ERP; partner 432 × 0.8 = 345.60
      "P1Y Annual": ["345.6", "432"],
      // P3Y billed monthly: 37.80 × 36 = 1360.80 ERP; partner 30.24 × 36 = 1088.64
      "P3Y Monthly": ["1088.64", "1360.8"],
      // P3Y billed annually: 432 a year × 3 = 1296 ERP; partner 345.60 × 3 = 1036.80
      "P3Y Annual": ["1036.8", "1296"],
      // P3Y paid up front: 36.00 × 36 = 1296 ERP; partner 1036.80
      "P3Y Triennial": ["1036.8", "1296"],
      // the trial row: free, tagged Trial, billing plan None
      "P1M None": ["0", "0"],
    });
    expect(e3.find((row) => row[8] === "None")?.[16]).toBe("License; Trial");
    // effective for the emulator clock's month
    expect(e3[0]?.[14]).toBe("11/1/2026 12:00:00 AM");
    expect(e3[0]?.[15]).toBe("11/30/2026 11:59:59 PM");
  });

  it("has a row for every catalog offer, term and billing plan", async () => {
    const { catalog } = await import("../../core/catalog.js");
    const rows = records((await emulator.send(PATH, { token: user })).body as string).slice(1);
    const keys = new Set(rows.map((row) => `${row[1]}:${row[2]} ${row[7]} ${row[8]}`));
    for (const offer of Object.values(catalog.offers))
      for (const term of offer.terms)
        for (const cycle of offer.billing[term] ?? [])
          expect(keys).toContain(`${offer.id} ${term} ${cycle[0]!.toUpperCase()}${cycle.slice(1)}`);
  });

  it("refuses app-only tokens and Partner Center tokens", async () => {
    const app = await emulator.token({ audience: "partner-api", kind: "app" });
    expect((await emulator.send(PATH, { token: app })).status).toBe(403);
    const partnerCenter = await emulator.token({ audience: "partner-center", kind: "user" });
    expect((await emulator.send(PATH, { token: partnerCenter })).status).toBe(401);
  });

  it("answers 404 for future prices and other markets, and serves history by month", async () => {
    expect((await emulator.send(`${PATH}?timeline=future`, { token: user })).status).toBe(404);
    const other = "/v1.0/sales/pricesheets(Market='DE',PricesheetView='updatedlicensebased')/$value";
    const de = await emulator.send(other, { token: user });
    expect(de.status).toBe(404);
    expect(JSON.stringify(de.body)).toContain("US market only");
    const history = await emulator.send(`${PATH}?timeline=history&month=202601`, { token: user });
    expect(history.status).toBe(200);
    expect(records(history.body as string)[1]?.[14]).toBe("1/1/2026 12:00:00 AM");
    expect((await emulator.send(`${PATH}?timeline=history`, { token: user })).status).toBe(400);
  });
});
