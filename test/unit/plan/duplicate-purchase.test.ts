// A second subscription of a declared offer, bought later: the plan proposes cancelling the newer
// one while NCE refunds it (a destructive step that always needs --allow-destructive), and says so
// as a finding once it no longer does.
import { describe, expect, it } from "vitest";
import { AmbiguousMatchError } from "../../../reconciler/plan/match.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";
import { actualCustomer, actualEstate, actualSubscription, estateFromYaml } from "../../helpers/estate-fixtures.js";

const DOMAIN = "dupco.onmicrosoft.com";
const NOW = new Date("2026-11-23T12:00:00Z");
const yaml = (subscriptions: string): string => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: dupco }
spec:
  company: { name: DupCo, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@dupco.com, firstName: Ada, lastName: L, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
${subscriptions}
`;
const ONE = yaml("    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10 }");
const bp = { offerId: "CFQ7TTC0LCHC:0002", quantity: 10 };
const original = actualSubscription({
  id: "sub-old",
  ...bp,
  purchasedAt: "2026-11-23T10:00:00Z",
  cancellationAllowedUntil: "2026-11-30T10:00:00Z",
});
const plan = async (estateYaml: string, ...subscriptions: ReturnType<typeof actualSubscription>[]) =>
  planChanges(
    await estateFromYaml(estateYaml),
    actualEstate([
      actualCustomer({ domain: DOMAIN, subscriptions, subscribedSkus: [businessPremiumSeats(subscriptions)] }),
    ]),
    { now: NOW },
  );
/** The tenant's licence inventory the subscriptions provide (the seat check of a cancellation reads it). */
const businessPremiumSeats = (subscriptions: { quantity: number }[]) => ({
  skuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
  skuPartNumber: "SPB",
  activeUnits: subscriptions.reduce((n, s) => n + s.quantity, 0),
  consumedUnits: 0,
  suspendedUnits: 0,
});

describe("a duplicate purchase", () => {
  it("is matched to the older subscription and the newer one is proposed for cancellation, protected, showing its refund window", async () => {
    // listed newest first: the purchase date decides, not the order Partner Center lists them in
    const duplicate = actualSubscription({
      id: "sub-new",
      ...bp,
      purchasedAt: "2026-11-23T10:00:05Z",
      cancellationAllowedUntil: "2026-11-30T10:00:05Z",
    });
    const result = await plan(ONE, duplicate, original);
    expect(result.steps).toEqual([
      expect.objectContaining({
        address: "customer:dupco/subscription:sub-new",
        action: "cancel",
        reason: "duplicate_purchase",
        risk: "destructive",
        protected: true,
        status: "ready",
        target: expect.objectContaining({ subscriptionId: "sub-new" }),
        after: { state: "cancelled" },
        before: expect.objectContaining({
          duplicateOf: "sub-old",
          purchasedAt: "2026-11-23T10:00:05Z",
          refundableUntil: "2026-11-30T10:00:05Z",
          quantity: 10,
        }),
      }),
    ]);
    expect(result.findings.filter((f) => f.kind === "unmanaged")).toEqual([]);
  });

  it("is a finding, not a step, once Partner Center no longer refunds it", async () => {
    const late = actualSubscription({
      id: "sub-new",
      ...bp,
      purchasedAt: "2026-11-01T10:00:00Z",
      cancellationAllowedUntil: "2026-11-08T10:00:00Z",
    });
    const result = await plan(ONE, { ...original, purchasedAt: "2026-10-01T10:00:00Z" }, late);
    expect(result.steps).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: "unmanaged",
        address: "customer:dupco/subscription:sub-new",
        message: expect.stringContaining("no longer refunds it"),
      }),
    ]);
  });

  it("stays an ambiguity when another declared subscription has the offer, or a purchase date is unknown", async () => {
    const other = actualSubscription({ id: "sub-new", ...bp, purchasedAt: "2026-11-23T10:00:05Z" });
    const two = yaml(
      "    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10 }\n    - { name: bp2, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10 }",
    );
    await expect(plan(two, original, other)).rejects.toBeInstanceOf(AmbiguousMatchError);
    const { purchasedAt: _unknown, ...undated } = other;
    await expect(plan(ONE, original, undated)).rejects.toBeInstanceOf(AmbiguousMatchError);
  });
});
