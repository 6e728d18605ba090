// Contract: the emulator's NCE promotion routes against Microsoft's samples (samples-2/productpromotion*.json,
// promotioneligibilities.*.json): list, get, eligibility (eligible and SeatCount), and the promotion
// on a cart line — the discount off the partner price in the line's pricing block, and promotionId
// carried through checkout to the order line and the subscription.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER, PARTNER, startContractEmulator, type ContractContext } from "./contract-context.js";
import { shapeDifferences } from "./shape.js";

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/partner-center/samples-2/${name}`, import.meta.url), "utf8"));

/** A second customer with no purchase history but the SKU the F3 sample promotion requires (CFQ7TTC0MBMD/0002). */
const NEWCOMER = "c0000000-0000-4000-8000-0000000000d1";
const F3 = "39NFJQT1SNC7:0001:39NFJQT1Q5KM";
const SEED = "39NFJQT1EMU1:0002:39NFJQT1Q5KN";
let ctx: ContractContext;
let catalogItem: (offer: string) => Promise<string>;

beforeAll(async () => {
  ctx = await startContractEmulator();
  await ctx.emulator.control.seed({
    partners: [
      {
        tenantId: PARTNER,
        customers: [
          {
            tenantId: NEWCOMER,
            companyName: "Newcomer",
            domain: "newcomercontract.onmicrosoft.com",
            subscriptions: [{ offerId: "CFQ7TTC0MBMD:0002", quantity: 1 }],
          },
        ],
      },
    ],
  });
  catalogItem = async (offer) => {
    const [p, s] = offer.split(":");
    const body = (await ctx.call(`/v1/products/${p}/skus/${s}/availabilities?country=US`)) as {
      items: { catalogItemId: string }[];
    };
    return body.items[0]!.catalogItemId;
  };
});
afterAll(async () => ctx.emulator.close());

const eligibility = (customer: string, items: unknown[]) =>
  ctx.call(`/v1/customers/${customer}/promotionEligibilities`, { method: "POST", body: { items }, expect: 200 });

describe("promotion routes match Microsoft's samples", () => {
  it("productpromotions.list.response.json ← GET /v1/productpromotions?country=US&segment=commercial", async () => {
    const answer = await ctx.call("/v1/productpromotions?country=US&segment=commercial");
    expect(shapeDifferences(sample("productpromotions.list.response.json"), answer)).toEqual([]);
  });

  it("productpromotion.get.response.json ← GET /v1/productpromotions/{id}?country=US (the documented promotion, verbatim)", async () => {
    const answer = await ctx.call(`/v1/productpromotions/${F3}?country=US`);
    expect(answer).toEqual(sample("productpromotion.get.response.json"));
  });

  it("promotioneligibilities.create.response.json ← POST promotionEligibilities without promotionId", async () => {
    const f3 = await catalogItem("CFQ7TTC0LH05:0001");
    const answer = (await eligibility(NEWCOMER, [
      { id: "0", catalogItemId: f3, quantity: 30, termDuration: "P1Y", billingCycle: "annual" },
    ])) as { items: { eligibilities: unknown[] }[] };
    expect(shapeDifferences(sample("promotioneligibilities.create.response.json"), answer)).toEqual([]);
    expect(answer.items[0]!.eligibilities).toEqual([{ promotionId: F3, isEligible: true }]);
  });

  it("promotioneligibilities.create.seatcount-error.response.json ← POST with promotionId and too many seats", async () => {
    const f3 = await catalogItem("CFQ7TTC0LH05:0001");
    const answer = (await eligibility(NEWCOMER, [
      { catalogItemId: f3, quantity: 150, termDuration: "P1Y", billingCycle: "Annual", promotionId: F3 },
    ])) as { items: { eligibilities: { errors: unknown[] }[] }[] };
    expect(shapeDifferences(sample("promotioneligibilities.create.seatcount-error.response.json"), answer)).toEqual([]);
    expect(answer.items[0]!.eligibilities[0]!.errors).toEqual([
      expect.objectContaining({
        type: "SeatCount",
        minimumRequiredSeats: 10,
        maximumRequiredSeats: 100,
        availableSeats: 100,
      }),
    ]);
  });
});

describe("eligibility rules", () => {
  it("a customer who bought the SKU before, without the prerequisite, on the wrong term, is told each reason", async () => {
    const f3 = await catalogItem("CFQ7TTC0LH05:0001");
    const premium = await catalogItem("CFQ7TTC0LCHC:0002");
    const answer = (await eligibility(CUSTOMER, [
      { catalogItemId: f3, quantity: 20, termDuration: "P1Y", billingCycle: "monthly", promotionId: F3 },
      { catalogItemId: premium, quantity: 5, termDuration: "P1Y", billingCycle: "monthly" },
    ])) as { items: { eligibilities: { isEligible: boolean; errors: { type: string }[] }[] }[] };
    expect(answer.items[0]!.eligibilities[0]!.errors.map((e) => e.type)).toEqual([
      "Term",
      "PrerequisiteProductOwnership",
    ]);
    // Contoso holds Business Premium (and a trial of it): the seed promotion is for a first purchase.
    expect(answer.items[1]!.eligibilities[0]!.errors.map((e) => e.type)).toContain("OfferPurchasedPreviously");
  });

  it("a promotion whose window closed (the Visio samples, 2021) is not valid", async () => {
    const visio = await catalogItem("CFQ7TTC0HD33:0003");
    const answer = (await eligibility(NEWCOMER, [
      {
        catalogItemId: visio,
        quantity: 5,
        termDuration: "P1Y",
        billingCycle: "annual",
        promotionId: "39NFJQT1PJQB:0001:39NFJQT1Q5KN",
      },
      { catalogItemId: visio, quantity: 5, termDuration: "P1Y", billingCycle: "annual" },
    ])) as { items: { eligibilities: { isEligible: boolean; errors: { type: string }[] }[] }[] };
    expect(answer.items[0]!.eligibilities[0]!.errors[0]!.type).toBe("InvalidPromotion");
    expect(answer.items[1]!.eligibilities[0]!.errors[0]!.type).toBe("NoPromotionsAvailable");
  });
});

describe("promotions on cart lines", () => {
  it("an eligible purchase gets the auto-applied promotion: 15% off the partner price, promotionId through to the subscription", async () => {
    const premium = await catalogItem("CFQ7TTC0LCHC:0002");
    const line = { id: 0, catalogItemId: premium, quantity: 10, termDuration: "P1Y", billingCycle: "monthly" };
    const cart = (await ctx.call(`/v1/customers/${NEWCOMER}/carts`, {
      method: "POST",
      body: { lineItems: [line] },
    })) as {
      id: string;
      lineItems: {
        promotionId?: string;
        pricing: { listPrice: number; discountedPrice: number; extendedPrice: number };
      }[];
    };
    const [priced] = cart.lineItems;
    expect(priced!.promotionId).toBe(SEED);
    expect(priced!.pricing.discountedPrice).toBeCloseTo(priced!.pricing.listPrice * 0.85, 2);
    expect(priced!.pricing.extendedPrice).toBeCloseTo(priced!.pricing.discountedPrice * 12 * 10, 0);
    const checkout = (await ctx.call(`/v1/customers/${NEWCOMER}/carts/${cart.id}/checkout`, { method: "POST" })) as {
      orders: { lineItems: { promotionId?: string }[] }[];
    };
    expect(checkout.orders[0]!.lineItems[0]!.promotionId).toBe(SEED);
    await ctx.emulator.control.advanceClock("PT1M");
    const subscriptions = (await ctx.call(`/v1/customers/${NEWCOMER}/subscriptions`)) as {
      items: { offerId: string; promotionId?: string }[];
    };
    expect(subscriptions.items.find((s) => s.offerId === premium)?.promotionId).toBe(SEED);
  });

  it("a named promotion the customer is not eligible for is refused: 400/27007 naming the reason", async () => {
    const premium = await catalogItem("CFQ7TTC0LCHC:0002");
    const line = {
      id: 0,
      catalogItemId: premium,
      quantity: 5,
      termDuration: "P1Y",
      billingCycle: "monthly",
      promotionId: SEED,
    };
    const result = await ctx.raw(`/v1/customers/${CUSTOMER}/carts`, { method: "POST", body: { lineItems: [line] } });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      code: 27007,
      description: expect.stringContaining("OfferPurchasedPreviously"),
    });
  });
});
