// Plans carry money (docs/money.md), worked by hand from a price sheet: the monthly run rate and the
// committed term at cost and at resale, the refund of a decrease inside the 7-day window (R-CAN-3,
// R-QTY-3), no refund outside it, a fixed customer price, and spend approval thresholds.
import { describe, expect, it } from "vitest";
import { priceSheetFromCsv } from "../../../client/index.js";
import { PRICE_SHEET_COLUMNS } from "../../../client/wire/price-sheet.js";
import { addPriceSheet, emptyPriceBook, type PriceBook } from "../../../reconciler/money/price-book.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import type { Plan, PlanStep } from "../../../reconciler/plan/plan.js";
import { renderPlan } from "../../../reconciler/render/plan/plan-renderer.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const E3 = "CFQ7TTC0LFLX:0001";
const E3_SKU = "05e9a617-0261-4cee-bb44-138d3ef5d965";
const BS = "CFQ7TTC0LDPB:0001";
const NOW = new Date("2026-11-23T12:00:00Z");
const DOMAIN = "money.onmicrosoft.com";

// Microsoft 365 E3 P1Y billed monthly: 362.88 for the term = 30.24 a month (data/PRICES.md's example)
function book(extra: [string, string, string, string, string][] = []): PriceBook {
  const row = (offer: string, term: string, plan: string, unit: string, erp: string) => {
    const [productId, skuId] = offer.split(":");
    const values: Record<string, string> = {
      ProductId: productId!,
      SkuId: skuId!,
      TermDuration: term,
      BillingPlan: plan,
      Market: "US",
      Currency: "USD",
      UnitPrice: unit,
      "ERP Price": erp,
      EffectiveStartDate: "11/1/2026 12:00:00 AM",
    };
    return PRICE_SHEET_COLUMNS.map((c) => `"${values[c] ?? ""}"`).join(",");
  };
  const csv = [
    PRICE_SHEET_COLUMNS.join(","),
    row(E3, "P1Y", "Monthly", "362.88", "453.6"),
    row(BS, "P1Y", "Annual", "120", "150"),
    ...extra.map((r) => row(...r)),
  ].join("\n");
  const prices = emptyPriceBook();
  addPriceSheet(prices, priceSheetFromCsv(csv, "US"));
  return prices;
}

function estate(subscriptions: string, extra = ""): ReturnType<typeof estateFromYaml> {
  return estateFromYaml(`apiVersion: cspctl/v1
kind: PriceList
metadata: { name: default }
spec: { currency: USD, markup: 15 }
---
apiVersion: cspctl/v1
kind: Customer
metadata: { name: money }
spec:
  company: { name: Money Inc, domain: ${DOMAIN}, country: US }
  tenant: { mode: link }
${extra}  subscriptions:
${subscriptions}`);
}

const step = (plan: Plan, action: string): PlanStep => plan.steps.find((s) => s.action === action)!;

describe("money of plan steps", () => {
  it("prices a 5 → 5000 resize for the month and the rest of the term, and needs approval over maxMonthlyIncrease", async () => {
    const desired = await estate(
      `    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 5000 }\n`,
      "  policy: { approval: { maxMonthlyIncrease: 1000 } }\n",
    );
    const have = actualSubscription({ id: "s1", offerId: E3, quantity: 5, termEndDate: "2027-05-23T12:00:00Z" });
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have] })]), {
      now: NOW,
      prices: book(),
    });
    const resize = step(plan, "resize");
    // 4,995 seats × 30.24 = 151,048.80 a month; resale 30.24 × 1.15 = 34.776 → 173,706.12
    // term: 181 of the term's 365 days are left (R-QTY-2): 4,995 × 362.88 × 181/365 = 898,843.82;
    // resale 4,995 × 34.776 × 12 × 181/365 = 1,033,670.39
    expect(resize.money).toEqual({
      currency: "USD",
      seats: 4995,
      unit: { cost: 30.24, resale: 34.78, resaleFrom: "priceList:default: markup 15%" },
      monthly: { cost: 151048.8, resale: 173706.12 },
      term: { cost: 898843.82, resale: 1033670.39 },
      effective: "now",
    });
    expect(resize.approval).toEqual({
      status: "needs-approval",
      reasons: ["money's monthly cost rises by 151048.80 USD, over maxMonthlyIncrease 1000.00 USD"],
    });
    expect(plan.approval).toEqual({ required: [{ currency: "USD", amount: 151048.8 }] });
    expect(plan.money?.customers).toEqual([
      {
        customer: "money",
        currency: "USD",
        monthly: { cost: 151048.8, resale: 173706.12 },
        term: { cost: 898843.82, resale: 1033670.39 },
        refunds: 0,
      },
    ]);
    const text = renderPlan(plan, { color: false });
    expect(text).toContain("[needs-approval]");
    expect(text).toContain("money: +151,048.80 USD/month at cost, +173,706.12 resale; term +898,843.82 at cost");
    expect(text).toContain("apply refuses them without --approve-spend 151048.80");
  });

  it("refunds a decrease inside the window prorated by day, and nothing outside it", async () => {
    const desired = await estate(`    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 4 }\n`);
    // the 10 seats were bought 2 days ago: the window closes in 5 days; the monthly period has 30 days
    const inside = actualSubscription({
      id: "s1",
      offerId: E3,
      quantity: 10,
      refundableQuantity: 10,
      refundableBatches: [{ quantity: 10, allowedUntil: "2026-11-28T12:00:00Z" }],
    });
    const skus = [{ skuId: E3_SKU, skuPartNumber: "SPE_E3", activeUnits: 10, consumedUnits: 0, suspendedUnits: 0 }];
    const customer = actualCustomer({ domain: DOMAIN, subscriptions: [inside], subscribedSkus: skus });
    const plan = planChanges(desired, actualEstate([customer]), {
      now: NOW,
      prices: book(),
    });
    expect(step(plan, "resize").status, JSON.stringify(step(plan, "resize").blocked)).toBe("ready");
    // 6 seats × 30.24 = 181.44 for the period, 28 of its 30 days unused: 169.344 → 169.34
    expect(step(plan, "resize").money).toMatchObject({
      seats: -6,
      monthly: { cost: -181.44 },
      refund: { amount: 169.34, until: "2026-11-28T12:00:00.000Z" },
    });
    expect(plan.money?.run).toEqual([
      { currency: "USD", monthly: { cost: -181.44, resale: -208.66 }, term: expect.any(Object), refunds: 169.34 },
    ]);
  });

  it("a cancellation outside the window is blocked and shows no refund", async () => {
    const desired = await estate(
      `    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 10, state: cancelled }\n`,
    );
    const have = actualSubscription({
      id: "s1",
      offerId: E3,
      quantity: 10,
      cancellationAllowedUntil: "2026-11-01T00:00:00Z",
    });
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have] })]), {
      now: NOW,
      prices: book(),
    });
    expect(step(plan, "cancel").money).toMatchObject({ seats: -10, refund: { amount: 0, until: null } });
    expect(renderPlan(plan, { color: false })).toContain("refund: none, the 7-day window has closed");
  });

  it("a purchase at the customer's fixed price commits the whole term; maxQuantity and maxSeatIncrease need approval", async () => {
    const desired = await estate(
      `    - { name: bs, offer: ${BS}, term: P1Y, billing: annual, quantity: 3 }\n`,
      "  pricing:\n    prices: [{ offer: CFQ7TTC0LDPB:0001, price: 14 }]\n  policy: { approval: { maxSeatIncrease: 2, maxQuantity: 2 } }\n",
    );
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN })]), { now: NOW, prices: book() });
    const create = step(plan, "create-subscription");
    // Business Standard P1Y annual: 120 a seat for the term = 10 a month; 3 seats → 30 a month, 360 for the term;
    // resale 14 a month → 42 a month, 504 for the term
    expect(create.money).toEqual({
      currency: "USD",
      seats: 3,
      unit: { cost: 10, resale: 14, resaleFrom: "customer: price" },
      monthly: { cost: 30, resale: 42 },
      term: { cost: 360, resale: 504 },
      effective: "now",
    });
    expect(create.approval?.reasons).toEqual([
      "adds 3 seats, over maxSeatIncrease 2",
      "reaches 3 seats, over maxQuantity 2",
    ]);
  });

  it("prices a billing-frequency change scheduled for renewal (monthly → annual) from the renewal on", async () => {
    // R-TERM-4: mid-term the billing plan of an annual term does not change; it changes at renewal (R-REN-3)
    const desired = await estate(
      `    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 10, renewal: { billing: annual } }\n`,
    );
    const have = actualSubscription({ id: "s1", offerId: E3, quantity: 10, termEndDate: "2027-05-23T12:00:00Z" });
    // Microsoft 365 E3 P1Y paid annually: 345.60 a seat a year (ERP 432 × 0.8), 28.80 a month, without
    // the 5 % monthly-billing uplift (data/PRICES.md M-2)
    const prices = book([[E3, "P1Y", "Annual", "345.6", "432"]]);
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have] })]), {
      now: NOW,
      prices,
    });
    const schedule = step(plan, "schedule-renewal");
    expect(schedule.after).toMatchObject({ renewal: { billing: "annual" } });
    // monthly: 10 × (28.80 − 30.24) = −14.40; resale 10 × (33.12 − 34.776) = −16.56
    // term: the renewed year in full, 10 × 345.60 = 3,456.00; resale 10 × 33.12 × 12 = 3,974.40
    expect(schedule.money).toEqual({
      currency: "USD",
      seats: 0,
      unit: { cost: 28.8, resale: 33.12, resaleFrom: "priceList:default: markup 15%" },
      monthly: { cost: -14.4, resale: -16.56 },
      term: { cost: 3456, resale: 3974.4 },
      effective: "renewal",
      effectiveAt: "2027-05-23T12:00:00Z",
    });
  });

  it("without a price-sheet row the step has no money and is listed as unpriced", async () => {
    const desired = await estate(`    - { name: e3, offer: ${E3}, term: P1Y, billing: annual, quantity: 3 }\n`);
    const plan = planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN })]), { now: NOW, prices: book() });
    expect(step(plan, "create-subscription").money).toBeUndefined();
    expect(plan.money?.unpriced).toEqual([step(plan, "create-subscription").id]);
  });
});

describe("drift: the monthly cost of unused seats", () => {
  it("prices unused seats from the price sheet (10 bought, 4 assigned: 6 × 30.24 = 181.44 a month)", async () => {
    const { computeUtilisation } = await import("../../../reconciler/drift/utilisation.js");
    const desired = await estate(`    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 10 }\n`);
    const have = actualSubscription({ id: "s1", offerId: E3, quantity: 10 });
    const skus = [{ skuId: E3_SKU, skuPartNumber: "SPE_E3", activeUnits: 10, consumedUnits: 4, suspendedUnits: 0 }];
    const actual = actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have], subscribedSkus: skus })]);
    const [money] = computeUtilisation(desired.customers, actual, book());
    expect(money?.subscriptions[0]).toMatchObject({ unused: 6, unitPrice: 30.24, wasteMoney: 181.44 });
    expect(money?.wasteMoney).toBe(181.44);
    const [seatsOnly] = computeUtilisation(desired.customers, actual);
    expect(seatsOnly?.wasteMoney).toBeNull();
  });
});

describe("applySpendApproval", () => {
  const flagged = async (): Promise<Plan> => {
    const desired = await estate(
      `    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 50 }\n`,
      "  policy: { approval: { maxMonthlyIncrease: 1000 } }\n",
    );
    const have = actualSubscription({ id: "s1", offerId: E3, quantity: 5 });
    // 45 × 30.24 = 1,360.80 a month
    return planChanges(desired, actualEstate([actualCustomer({ domain: DOMAIN, subscriptions: [have] })]), {
      now: NOW,
      prices: book(),
    });
  };

  it("refuses the flagged steps without approval or with too little, naming the amounts", async () => {
    const { applySpendApproval } = await import("../../../reconciler/money/approval.js");
    const plan = await flagged();
    expect(plan.approval).toEqual({ required: [{ currency: "USD", amount: 1360.8 }] });
    const id = step(plan, "resize").id;
    expect(applySpendApproval(plan, undefined).get(id)).toMatch(
      /add 1360\.80 USD a month at cost — run with --approve-spend 1360\.80$/,
    );
    expect(applySpendApproval(plan, 1000).get(id)).toMatch(/--approve-spend 1360\.80 \(approved: 1000\.00\)$/);
    expect(step(plan, "resize").approval?.status).toBe("needs-approval");
  });

  it("runs them with enough approval, from the run or recorded in a saved plan", async () => {
    const { applySpendApproval } = await import("../../../reconciler/money/approval.js");
    const plan = await flagged();
    expect(applySpendApproval(plan, 1360.8).size).toBe(0);
    expect(plan.approval?.approved).toEqual({ amount: 1360.8, by: "--approve-spend" });
    expect(step(plan, "resize").approval?.status).toBe("approved");
    // the saved plan (JSON) applied later without the flag
    const saved = JSON.parse(JSON.stringify(plan)) as Plan;
    expect(applySpendApproval(saved, undefined).size).toBe(0);
    expect(saved.approval?.approved).toEqual({ amount: 1360.8, by: "saved-plan" });
  });

  it("--approve-spend takes an amount with at most two decimals", async () => {
    const { parseApproveSpend } = await import("../../../reconciler/money/approval.js");
    expect(parseApproveSpend("1250.50")).toBe(1250.5);
    expect(() => parseApproveSpend("1,250")).toThrow(/is not an amount/);
    expect(() => parseApproveSpend("-5")).toThrow(/is not an amount/);
  });
});

describe("readPrices: one download per market and month", () => {
  it("caches each market's sheet by month, downloads again in a new month or over a damaged file", async () => {
    const { mkdtempSync, readdirSync, statSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readPrices } = await import("../../../reconciler/money/read-prices.js");
    const desired = await estate(`    - { name: e3, offer: ${E3}, term: P1Y, billing: monthly, quantity: 1 }\n`);
    const sheet = [...book().markets.get("US")!.prices.values()];
    const asked: string[] = [];
    const client = {
      partnerCenter: {
        priceSheets: {
          get: async (market: string) => {
            asked.push(market);
            if (market !== "US") throw Object.assign(new Error("no sheet"), { code: "client.not_found" });
            return { market, currency: "USD", prices: sheet, skipped: [] };
          },
        },
      },
    };
    const dir = join(mkdtempSync(join(tmpdir(), "cspctl-prices-")), "price-sheets");
    const first = await readPrices(client, desired.customers, { dir, month: "2026-11" });
    const again = await readPrices(client, desired.customers, { dir, month: "2026-11" });
    expect(asked).toEqual(["US"]);
    expect([...again.markets.get("US")!.prices.values()]).toEqual([...first.markets.get("US")!.prices.values()]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toEqual(["US-2026-11.json"]);
    expect(statSync(join(dir, "US-2026-11.json")).mode & 0o777).toBe(0o600);
    await readPrices(client, desired.customers, { dir, month: "2026-12" });
    writeFileSync(join(dir, "US-2026-11.json"), "{ not json");
    await readPrices(client, desired.customers, { dir, month: "2026-11" });
    expect(asked).toEqual(["US", "US", "US"]);
    // a market whose sheet cannot be read is unpriced, with the reason, and nothing is cached for it
    const gb = { ...desired.customers[0]!, company: { ...desired.customers[0]!.company, country: "GB" as const } };
    const unpriced = await readPrices(client, [gb], { dir, month: "2026-11" });
    expect(unpriced.unavailable).toEqual(new Map([["GB", "client.not_found"]]));
    expect(readdirSync(dir).some((f) => f.startsWith("GB"))).toBe(false);
  });
});
