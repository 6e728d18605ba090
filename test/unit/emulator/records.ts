// Builders for store records used by the rule tests.
import { catalog } from "../../../core/catalog.js";
import { availabilityIdFor } from "../../../emulator/rules/catalog-items.js";
import { newSubscription } from "../../../emulator/store/records.js";
import {
  emptyState,
  type EmulatorState,
  type PartnerRecord,
  type SubscriptionRecord,
} from "../../../emulator/store/state.js";

export const TENANT = "cccccccc-0000-4000-8000-000000000001";

export function offer(id: string) {
  const found = catalog.offers[id];
  if (found === undefined) throw new Error(`no offer ${id}`);
  return found;
}

export function subscription(options: {
  offerId?: string;
  quantity?: number;
  at?: string;
  isTrial?: boolean;
  autoRenew?: boolean;
  term?: "P1M" | "P1Y" | "P3Y";
  customerId?: string;
}): SubscriptionRecord {
  const o = offer(options.offerId ?? "CFQ7TTC0LH18:0001");
  return newSubscription({
    customerId: options.customerId ?? TENANT,
    orderId: "order1",
    offer: o,
    availabilityId: availabilityIdFor(o),
    quantity: options.quantity ?? (options.isTrial ? 25 : 10),
    termDuration: options.term ?? (options.isTrial ? "P1M" : "P1Y"),
    billingCycle: options.isTrial ? "none" : "monthly",
    isTrial: options.isTrial ?? false,
    autoRenewEnabled: options.autoRenew ?? true,
    startedAt: new Date(options.at ?? "2026-01-10T09:00:00Z"),
  });
}

export function partner(tenantId = "11111111-1111-4111-8111-111111111111"): PartnerRecord {
  return {
    tenantId,
    name: "P",
    mpnId: "",
    applications: [],
    users: [],
    customers: {},
    carts: {},
    orders: {},
    subscriptions: {},
  };
}

export function stateWith(...subscriptions: SubscriptionRecord[]): EmulatorState {
  const state = emptyState();
  const p = partner();
  for (const s of subscriptions) p.subscriptions[s.id] = s;
  state.partners[p.tenantId] = p;
  state.tenants[TENANT] = {
    tenantId: TENANT,
    companyName: "Contoso",
    defaultDomain: "contoso.onmicrosoft.com",
    domains: ["contoso.onmicrosoft.com"],
    users: {},
    otherChannelSkus: [],
    createdAt: "2026-01-01T00:00:00Z",
  };
  return state;
}
