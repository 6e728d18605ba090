// Constructors for new records, shared by the seed and by the handlers (checkout, create customer).
import { randomBytes, randomUUID } from "node:crypto";
import type { BillingCycle, CatalogOffer, TermDuration } from "../../core/catalog.js";
import { termEnd } from "../rules/terms.js";
import type { SubscriptionRecord, SubscriptionStatus, TenantRecord } from "./state.js";

export interface NewSubscriptionOptions {
  id?: string;
  customerId: string;
  orderId: string;
  offer: CatalogOffer;
  availabilityId: string;
  quantity: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle | "none";
  isTrial: boolean;
  autoRenewEnabled: boolean;
  friendlyName?: string;
  parentSubscriptionId?: string;
  status?: SubscriptionStatus;
  /** Purchase time: term start and the first seat batch (R-QTY-3). */
  startedAt: Date;
}

export function newSubscription(options: NewSubscriptionOptions): SubscriptionRecord {
  const start = options.startedAt.toISOString();
  const { offer } = options;
  return {
    id: options.id ?? randomUUID(),
    customerId: options.customerId,
    orderId: options.orderId,
    offerId: `${offer.productId}:${offer.skuId}:${options.availabilityId}`,
    productId: offer.productId,
    skuId: offer.skuId,
    availabilityId: options.availabilityId,
    offerName: offer.title,
    friendlyName: options.friendlyName ?? offer.title,
    quantity: options.quantity,
    status: options.status ?? "active",
    autoRenewEnabled: options.autoRenewEnabled,
    isTrial: options.isTrial,
    startedAsTrial: options.isTrial,
    billingCycle: options.billingCycle,
    termDuration: options.termDuration,
    creationDate: start,
    termStartDate: start,
    // NCE trials last 30 days (R-TRI-1), not a calendar month.
    termEndDate: options.isTrial
      ? new Date(options.startedAt.getTime() + 30 * 86_400_000 - 1000).toISOString()
      : termEnd(options.startedAt, options.termDuration).toISOString(),
    seatBatches: [{ quantity: options.quantity, addedAt: start }],
    scheduledNextTermInstructions: null,
    ...(options.parentSubscriptionId === undefined ? {} : { parentSubscriptionId: options.parentSubscriptionId }),
    partnerId: "",
    statusChangedAt: start,
    updateCount: 0,
    version: 1,
    transitions: [],
  };
}

export function newTenant(options: {
  tenantId?: string;
  companyName: string;
  domain: string;
  createdAt: Date;
}): TenantRecord {
  return {
    tenantId: options.tenantId ?? randomUUID(),
    companyName: options.companyName,
    defaultDomain: options.domain,
    domains: [options.domain],
    users: {},
    otherChannelSkus: [],
    createdAt: options.createdAt.toISOString(),
  };
}

/** Order ids are 12 lower-case hex characters, like `a68736758d9c` in Microsoft's samples. */
export function newOrderId(): string {
  return randomBytes(6).toString("hex");
}

/** A password that satisfies the Entra policy (R-USR-1): all four character classes. */
export function newInitialPassword(): string {
  const body = randomBytes(9).toString("base64").replace(/[+/=]/g, "x");
  return `Aa1!${body}`;
}
