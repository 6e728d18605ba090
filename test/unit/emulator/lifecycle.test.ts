import { describe, expect, it } from "vitest";
import { catalog } from "../../../core/catalog.js";
import { runDueWork, settleSubscription } from "../../../emulator/rules/lifecycle.js";
import { convertTrialNow } from "../../../emulator/rules/trial-conversion.js";
import { refundableQuantity } from "../../../emulator/rules/windows.js";
import { offer, stateWith, subscription, TENANT } from "./records.js";

const at = (iso: string) => Date.parse(iso);

describe("renewal at term end (R-REN-2, R-REN-3, R-CAN-2)", () => {
  it("renews the second after the term's last day, applying and using up scheduled changes", () => {
    const s = subscription({ at: "2026-01-10T09:00:00Z" });
    expect(s.termEndDate).toBe("2027-01-09T23:59:59.000Z");
    s.scheduledNextTermInstructions = {
      product: {
        productId: "CFQ7TTC0LH18",
        skuId: "0001",
        availabilityId: "",
        billingCycle: "annual",
        termDuration: "P1Y",
      },
      quantity: 4,
    };
    settleSubscription(s, at("2027-01-09T23:59:59Z"), catalog);
    expect(s.termStartDate).toBe("2026-01-10T09:00:00.000Z");
    settleSubscription(s, at("2027-01-10T01:00:00Z"), catalog);
    expect(s).toMatchObject({
      status: "active",
      quantity: 4,
      billingCycle: "annual",
      termStartDate: "2027-01-10T00:00:00.000Z",
      termEndDate: "2028-01-09T23:59:59.000Z",
      scheduledNextTermInstructions: null,
    });
    // The renewal reopens the 168 h window for every seat.
    expect(refundableQuantity(s.seatBatches, new Date("2027-01-16T23:00:00Z"))).toBe(4);
  });
  it("renews term after term when the clock jumps years", () => {
    const s = subscription({ at: "2026-01-10T09:00:00Z", term: "P1Y" });
    settleSubscription(s, at("2029-02-01T00:00:00Z"), catalog);
    expect(s.termEndDate).toBe("2030-01-09T23:59:59.000Z");
  });
});

describe("after the term (R-REN-5, R-SUS-5)", () => {
  it("expires without auto-renew, disables after 30 days, deletes 90 days later", () => {
    const s = subscription({ at: "2026-01-10T09:00:00Z", autoRenew: false });
    settleSubscription(s, at("2027-01-10T00:00:01Z"), catalog);
    expect(s.status).toBe("expired");
    settleSubscription(s, at("2027-02-09T00:00:00Z"), catalog);
    expect(s.status).toBe("disabled");
    settleSubscription(s, at("2027-05-09T23:59:59Z"), catalog);
    expect(s.status).toBe("disabled");
    settleSubscription(s, at("2027-05-10T00:00:00Z"), catalog);
    expect(s.status).toBe("deleted");
  });
  it("disables a subscription still suspended at term end", () => {
    const s = subscription({ at: "2026-01-10T09:00:00Z" });
    s.status = "suspended";
    s.autoRenewEnabled = false;
    settleSubscription(s, at("2027-01-10T00:00:01Z"), catalog);
    expect(s.status).toBe("disabled");
  });
});

describe("NCE trials at day 30 (R-TRI-1, R-TRI-3, R-TRI-4)", () => {
  it("converts with auto-renew on: 25 seats, P1Y, monthly, with a fresh 7-day window", () => {
    const trial = subscription({ isTrial: true, at: "2026-01-10T09:00:00Z" });
    expect(trial.termEndDate).toBe("2026-02-09T08:59:59.000Z");
    settleSubscription(trial, at("2026-02-09T09:00:00Z"), catalog);
    expect(trial).toMatchObject({
      isTrial: false,
      quantity: 25,
      termDuration: "P1Y",
      billingCycle: "monthly",
      status: "active",
      startedAsTrial: true,
    });
    expect(refundableQuantity(trial.seatBatches, new Date("2026-02-10T00:00:00Z"))).toBe(25);
  });
  it("expires with auto-renew off", () => {
    const trial = subscription({ isTrial: true, at: "2026-01-10T09:00:00Z", autoRenew: false });
    settleSubscription(trial, at("2026-02-09T09:00:00Z"), catalog);
    expect(trial).toMatchObject({ status: "expired", isTrial: true });
  });
  it("converts immediately through transitions with at least 25 seats, into itself or an existing subscription", () => {
    const trial = subscription({ isTrial: true, at: "2026-01-10T09:00:00Z" });
    const now = new Date("2026-01-15T00:00:00Z");
    expect(() =>
      convertTrialNow(
        trial,
        offer("CFQ7TTC0LH18:0001"),
        { quantity: 20, termDuration: "P1Y", billingCycle: "monthly" },
        now,
      ),
    ).toThrowError();
    const converted = convertTrialNow(
      trial,
      offer("CFQ7TTC0LH18:0001"),
      { quantity: 30, termDuration: "P1Y", billingCycle: "annual" },
      now,
    ).trial;
    expect(converted).toMatchObject({
      isTrial: false,
      quantity: 30,
      billingCycle: "annual",
      termStartDate: now.toISOString(),
    });
    const paid = subscription({ at: "2026-01-01T00:00:00Z" });
    const into = convertTrialNow(
      trial,
      offer("CFQ7TTC0LH18:0001"),
      { quantity: 25, termDuration: "P1Y", billingCycle: "monthly", target: paid },
      now,
    );
    expect(into.target?.quantity).toBe(35);
    expect(into.trial.status).toBe("expired");
  });
});

describe("runDueWork", () => {
  it("completes pending orders when their provisioning time has come, creating the subscriptions", () => {
    const state = stateWith();
    const partner = Object.values(state.partners)[0]!;
    partner.orders["o1"] = {
      id: "o1",
      customerId: TENANT,
      status: "pending",
      creationDate: "2026-01-10T09:00:00Z",
      completesAt: "2026-01-10T09:00:30Z",
      billingCycle: "monthly",
      currencyCode: "USD",
      currencySymbol: "$",
      version: 1,
      lineItems: [
        {
          lineItemNumber: 0,
          offerId: "CFQ7TTC0LH18:0001",
          termDuration: "P1Y",
          billingCycle: "monthly",
          transactionType: "New",
          friendlyName: "Basic",
          quantity: 3,
          isTrial: false,
        },
      ],
    };
    runDueWork(state, new Date("2026-01-10T09:00:29Z"), catalog);
    expect(partner.orders["o1"]!.status).toBe("pending");
    expect(Object.keys(partner.subscriptions)).toHaveLength(0);
    runDueWork(state, new Date("2026-01-10T09:00:30Z"), catalog);
    expect(partner.orders["o1"]!.status).toBe("completed");
    const [created] = Object.values(partner.subscriptions);
    expect(created).toMatchObject({
      quantity: 3,
      orderId: "o1",
      termStartDate: "2026-01-10T09:00:30.000Z",
      autoRenewEnabled: true,
    });
    expect(partner.orders["o1"]!.lineItems[0]!.subscriptionId).toBe(created!.id);
  });
  it("purges soft-deleted users after 30 days", () => {
    const state = stateWith();
    state.tenants[TENANT]!.users["u1"] = {
      id: "u1",
      userPrincipalName: "a@contoso.onmicrosoft.com",
      displayName: "A",
      accountEnabled: true,
      state: "inactive",
      softDeletionTime: "2026-01-01T00:00:00Z",
      assignedLicenses: [],
      createdAt: "2025-01-01T00:00:00Z",
    };
    runDueWork(state, new Date("2026-01-30T23:59:59Z"), catalog);
    expect(state.tenants[TENANT]!.users["u1"]).toBeDefined();
    runDueWork(state, new Date("2026-01-31T00:00:00Z"), catalog);
    expect(state.tenants[TENANT]!.users["u1"]).toBeUndefined();
  });
});
