// A seed stands for work done in the portal: each customer and subscription it adds is logged as
// the portal logs it (`add_customer`, `create_order`), by the seed's `by` and `via` (default: the
// partner's first user, through the Partner Center web app), at the emulator's now.
import { PORTAL_APPLICATION } from "../control/portal-change.js";
import { own, type Store } from "../store/memory-store.js";
import { isObject } from "../store/seed-input.js";
import type { EmulatorState, SubscriptionRecord } from "../store/state.js";
import { appendAuditRecord } from "./audit-log.js";
import { orderDetails } from "./audit-operations.js";

/** Appends to `after`'s log the records of what `after` has and `before` had not. */
export function auditSeed(before: EmulatorState, after: Store, body: unknown, now: Date): void {
  const by = isObject(body) && typeof body["by"] === "string" ? body["by"] : undefined;
  const via = isObject(body) && typeof body["via"] === "string" ? body["via"] : PORTAL_APPLICATION;
  for (const partner of Object.values(after.state.partners)) {
    const old = own(before.partners, partner.tenantId);
    const userPrincipalName = by ?? partner.users[0]?.userPrincipalName;
    const actor = { ...(userPrincipalName === undefined ? {} : { userPrincipalName }), applicationId: via };
    const name = (customerId: string): string | undefined =>
      own(partner.customers, customerId)?.billingProfile.companyName ?? after.tenant(customerId)?.companyName;
    for (const customer of Object.values(partner.customers)) {
      if (old !== undefined && own(old.customers, customer.id) !== undefined) continue;
      const tenant = after.tenant(customer.id);
      appendAuditRecord(after.state, {
        partnerTenantId: partner.tenantId,
        customerId: customer.id,
        customerName: name(customer.id),
        objectId: customer.id,
        actor,
        operationType: "add_customer",
        resourceType: "customer",
        newValue: {
          id: customer.id,
          commerceId: customer.commerceId,
          companyProfile: { tenantId: customer.id, domain: tenant?.defaultDomain, companyName: name(customer.id) },
          relationshipToPartner: customer.relationshipToPartner,
          attributes: { objectType: "Customer" },
        },
        status: "succeeded",
        date: now,
        details: [
          { key: "PrimaryDomainName", value: tenant?.defaultDomain ?? null },
          { key: "Relationship", value: "Reseller" },
        ],
      });
    }
    for (const subscription of Object.values(partner.subscriptions)) {
      if (old !== undefined && own(old.subscriptions, subscription.id) !== undefined) continue;
      const order = seededOrder(subscription);
      appendAuditRecord(after.state, {
        partnerTenantId: partner.tenantId,
        customerId: subscription.customerId,
        customerName: name(subscription.customerId),
        objectId: subscription.orderId,
        actor,
        operationType: "create_order",
        resourceType: "order",
        newValue: order,
        status: "succeeded",
        date: now,
        details: orderDetails(order),
      });
    }
  }
}

function seededOrder(subscription: SubscriptionRecord): Record<string, unknown> {
  return {
    id: subscription.orderId,
    alternateId: subscription.orderId,
    referenceCustomerId: subscription.customerId,
    billingCycle: subscription.billingCycle,
    lineItems: [
      {
        lineItemNumber: 0,
        offerId: subscription.offerId,
        subscriptionId: subscription.id,
        termDuration: subscription.termDuration,
        friendlyName: subscription.friendlyName,
        quantity: subscription.quantity,
      },
    ],
    creationDate: subscription.creationDate,
    attributes: { objectType: "Order" },
  };
}
