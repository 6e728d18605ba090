// Orders (Partner Center docs: order-resources): list (unpaged), get, provisioning status.
import type { OrderLineItemProvisioningStatus } from "../wire/order.js";
import { invalidInput, orderNotFound, resourceNotFound } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import { ordersByCustomer } from "../store/record-index.js";
import type { OrderRecord } from "../store/state.js";
import { orderView } from "./order-views.js";
import { collection, customerScope, ok } from "./shared.js";

/** `billingType` values (Partner Center docs: get-a-list-of-orders-by-customer-and-billing-cycle-type; the SDK's BillingCycleType), compared without `_`. */
const BILLING_TYPES = new Set(["monthly", "annual", "triennial", "none", "onetime", "unknown"]);

export function listOrders(store: Store): Handler {
  return (request) => {
    const { partner, customer } = customerScope(store, request);
    const billingType = request.query.get("billingType")?.toLowerCase().replaceAll("_", "");
    if (billingType !== undefined && !BILLING_TYPES.has(billingType))
      throw invalidInput(`Invalid billingType ${request.query.get("billingType")}.`);
    const orders = ordersByCustomer
      .select(partner.orders, customer.id)
      .filter(
        (order) => billingType === undefined || order.billingCycle.toLowerCase().replaceAll("_", "") === billingType,
      );
    return ok(collection(orders.map(orderView), `/customers/${customer.id}/orders`));
  };
}

/**
 * Activation links of one order line (Partner Center docs: get-activation-link-by-order-line-item).
 * Only marketplace (SaaS) items need activating; the emulator's catalog is licence-based, whose
 * seats are usable once provisioned, so every line answers an empty collection.
 */
export function listActivationLinks(store: Store): Handler {
  return (request) => {
    const order = findOrder(store, request);
    const number = Number(request.params["lineItemNumber"]);
    if (!order.lineItems.some((line) => line.lineItemNumber === number))
      throw resourceNotFound(`Line item ${request.params["lineItemNumber"] ?? ""}`);
    return ok(
      collection([], `/customers/${order.customerId}/orders/${order.id}/lineitems/${String(number)}/activationlinks`),
    );
  };
}

export function getOrder(store: Store): Handler {
  return (request) => ok(orderView(findOrder(store, request)));
}

export function getOrderProvisioningStatus(store: Store): Handler {
  return (request) => {
    const order = findOrder(store, request);
    const status = order.status === "completed" ? "fulfilled" : "unfulfilled";
    const items = order.lineItems.map(
      (line): OrderLineItemProvisioningStatus => ({
        orderLineItemId: line.lineItemNumber,
        lineItemNumber: line.lineItemNumber,
        status,
        quantityProvisioningInformation: [{ quantity: line.quantity, status }],
      }),
    );
    const answer = collection(items);
    return ok(answer);
  };
}

function findOrder(store: Store, request: EmulatorRequest): OrderRecord {
  const { partner, customer } = customerScope(store, request);
  const order = own(partner.orders, request.params["orderId"] ?? "");
  if (order === undefined || order.customerId !== customer.id) throw orderNotFound();
  return order;
}
