import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { hasAddonPrerequisite, ownedOfferIds } from "../../../emulator/rules/addons.js";
import { seatUse } from "../../../emulator/rules/seat-limits.js";
import { trialLineProblem, trialProblem } from "../../../emulator/rules/trials.js";
import { offer, partner, stateWith, subscription, TENANT } from "./records.js";

describe("pooled seat cap (R-LIM-1, R-CUS-7)", () => {
  it("pools seats of every partner and of other channels for the same licence SKU", () => {
    const state = stateWith(subscription({ offerId: "CFQ7TTC0LCHC:0002", quantity: 200 }));
    const other = partner("22222222-2222-4222-8222-222222222222");
    const elsewhere = subscription({ offerId: "CFQ7TTC0LCHC:0002", quantity: 50 });
    other.subscriptions[elsewhere.id] = elsewhere;
    state.partners[other.tenantId] = other;
    state.tenants[TENANT]!.otherChannelSkus.push({
      skuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
      skuPartNumber: "SPB",
      enabledUnits: 40,
      suspendedUnits: 0,
      warningUnits: 0,
    });
    expect(seatUse(state, catalog, TENANT, offer("CFQ7TTC0LCHC:0002"))).toEqual({ cap: 300, used: 290, remaining: 10 });
  });
  it("ignores cancelled subscriptions and offers without a cap", () => {
    const gone = subscription({ offerId: "CFQ7TTC0LCHC:0002", quantity: 300 });
    gone.status = "deleted";
    const state = stateWith(gone);
    expect(seatUse(state, catalog, TENANT, offer("CFQ7TTC0LCHC:0002")).remaining).toBe(300);
    const uncapped = Object.values(catalog.offers).find((o) => o.maximumQuantity === null)!;
    expect(seatUse(state, catalog, TENANT, uncapped).remaining).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("add-on prerequisites (R-ADD-2)", () => {
  const teamsPremium = offer("CFQ7TTC0RM8K:0002");
  const listed = offer("CFQ7TTC0HDJX:0001");
  it("needs any base offer when the catalog lists no prerequisite", () => {
    expect(hasAddonPrerequisite(teamsPremium, new Set(), catalog)).toBe(false);
    expect(hasAddonPrerequisite(teamsPremium, new Set(["CFQ7TTC0LH18:0001"]), catalog)).toBe(true);
    expect(hasAddonPrerequisite(teamsPremium, new Set(["CFQ7TTC0RM8K:0002"]), catalog)).toBe(false);
  });
  it("needs one of the listed prerequisites when there are some", () => {
    expect(hasAddonPrerequisite(listed, new Set(["CFQ7TTC0LH18:0001"]), catalog)).toBe(false);
    expect(hasAddonPrerequisite(listed, new Set(["CFQ7TTC0LFLX:0001"]), catalog)).toBe(true);
  });
  it("counts other-channel licences as owned offers", () => {
    const state = stateWith();
    state.tenants[TENANT]!.otherChannelSkus.push({
      skuId: "3b555118-da6a-4418-894f-7df1e2096870",
      skuPartNumber: "O365_BUSINESS_ESSENTIALS",
      enabledUnits: 1,
      suspendedUnits: 0,
      warningUnits: 0,
    });
    expect(ownedOfferIds(state, catalog, TENANT).has("CFQ7TTC0LH18:0001")).toBe(true);
  });
});

describe("NCE trials (R-TRI-1, R-TRI-5)", () => {
  it("allows one trial per offer per customer, none for owned offers or add-ons", () => {
    expect(trialProblem(stateWith(), TENANT, offer("CFQ7TTC0LH18:0001"))).toBeUndefined();
    const converted = subscription({ isTrial: true });
    converted.isTrial = false;
    expect(trialProblem(stateWith(converted), TENANT, offer("CFQ7TTC0LH18:0001"))).toMatch(/already used/);
    expect(trialProblem(stateWith(subscription({})), TENANT, offer("CFQ7TTC0LH18:0001"))).toMatch(/already owns/);
    expect(trialProblem(stateWith(), TENANT, offer("CFQ7TTC0RM8K:0002"))).toMatch(/No trial/);
  });
  it("fixes trial lines at 25 seats on P1M", () => {
    expect(trialLineProblem(25, "P1M")).toBeUndefined();
    expect(trialLineProblem(10, "P1M")).toMatch(/25 seats/);
    expect(trialLineProblem(25, "P1Y")).toMatch(/P1M/);
  });
});
