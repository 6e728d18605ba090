// Orders (Partner Center docs: order-resources): list (unpaged), get, provisioning status.
import type { OrderLineItemProvisioningStatus } from "../wire/order.js";
import { orderNotFound } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import { ordersByCustomer } from "../store/record-index.js";
import type { OrderRecord } from "../store/state.js";
import { orderView } from "./order-views.js";
import { collection, customerScope, ok } from "./shared.js";

export function listOrders(store: Store): Handler {
  return (request) => {
    const { partner, customer } = customerScope(store, request);
    const orders = ordersByCustomer.select(partner.orders, customer.id);
    return ok(collection(orders.map(orderView), `/customers/${customer.id}/orders`));
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
