// The client lists and gets NCE promotions and checks a customer's eligibility over real HTTP to the
// emulator (MSAL tokens, the whole layered client): typed promotions with their percent off, and
// Microsoft's reasons when a line is not eligible.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CspClient } from "../../../client/index.js";
import type { TestEmulator } from "../../helpers/emulator.js";
import { clientFor, partnerTenantId, startForClient } from "./setup.js";

const CUSTOMER = "c0000000-0000-4000-8000-00000000a001";
const SEED = "39NFJQT1EMU1:0002:39NFJQT1Q5KN";
let emulator: TestEmulator;
let client: CspClient;
let premium: string;

beforeAll(async () => {
  emulator = await startForClient();
  await emulator.control.seed({
    partners: [
      {
        tenantId: partnerTenantId(emulator),
        customers: [{ tenantId: CUSTOMER, companyName: "Promo Co", domain: "promoco.onmicrosoft.com" }],
      },
    ],
  });
  client = clientFor(emulator);
  const [availability] = await client.partnerCenter.catalog.listAvailabilities("CFQ7TTC0LCHC", "0002", {
    country: "US",
  });
  premium = availability!.catalogItemId;
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("partnerCenter.promotions", () => {
  it("lists a market's promotions with their percent off as a number", async () => {
    const promotions = await client.partnerCenter.promotions.list("US");
    const seed = promotions.find((p) => p.id === SEED);
    expect(seed).toMatchObject({ autoApplicable: true, endDate: expect.stringMatching(/^9999-01-01/) });
    expect(seed!.products).toContainEqual({
      productId: "CFQ7TTC0LCHC",
      skuId: "0002",
      termDuration: "P1Y",
      billingCycle: "Monthly",
      discount: 0.15,
    });
  });

  it("gets one promotion by id", async () => {
    const promotion = await client.partnerCenter.promotions.get("39NFJQT1SNC7:0001:39NFJQT1Q5KM", "US");
    expect(promotion.products).toEqual([
      { productId: "CFQ7TTC0LH05", skuId: "0001", termDuration: "P1Y", billingCycle: "Annual", discount: 0.5 },
    ]);
  });

  it("checks several lines in one call, answering each in order with Microsoft's reasons", async () => {
    const answers = await client.partnerCenter.promotions.checkEligibility(CUSTOMER, [
      { catalogItemId: premium, quantity: 10, termDuration: "P1Y", billingCycle: "monthly" },
      { catalogItemId: premium, quantity: 500, termDuration: "P1Y", billingCycle: "monthly", promotionId: SEED },
    ]);
    expect(answers.map((a) => a.id)).toEqual([0, 1]);
    // both seeded Business Premium promotions apply to a first purchase
    expect(answers[0]!.eligibilities).toEqual([
      { promotionId: SEED, isEligible: true, errors: [] },
      { promotionId: "39NFJQT1EMU2:0001:39NFJQT1Q5KN", isEligible: true, errors: [] },
    ]);
    const refused = answers[1]!.eligibilities[0]!; // the named one only
    expect(refused.isEligible).toBe(false);
    expect(refused.errors[0]).toMatchObject({
      type: "SeatCount",
      details: { minimumRequiredSeats: 1, maximumRequiredSeats: 300, availableSeats: 300 },
    });
  });
});
