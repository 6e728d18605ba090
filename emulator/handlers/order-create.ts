// POST /customers/{id}/orders (Partner Center docs: create-an-order): an order placed directly, without a
// cart. NCE line items name the catalogItemId as `offerId` with a `termDuration`; the order's
// `billingCycle` applies to every line. The lines are read and checked like cart lines and go
// through the same purchase path as a cart's checkout; legacy offer ids are refused (800004).
import { invalidInput } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import type { Store } from "../store/memory-store.js";
import { bodyObject, optionalArray, optionalText, requiredString } from "./body.js";
import { placeOrders } from "./carts.js";
import { readLineItems } from "./cart-lines.js";
import { orderView } from "./order-views.js";
import { created, customerScope } from "./shared.js";

export function createOrder(store: Store): Handler {
  return (request, context) => {
    const { partner, customer } = customerScope(store, request);
    const body = bodyObject(request.body);
    const billingCycle = requiredString(body, "billingCycle");
    const lineItems = optionalArray(body, "lineItems").map((raw, index) => {
      const line = bodyObject(raw, `lineItems[${index}]`);
      const reseller = optionalText(line, "partnerIdOnRecord");
      const additional = optionalArray(line, "additionalPartnerIdsOnRecord").map((value) => ({
        key: "additional_transaction_reseller",
        value,
      }));
      return {
        id: typeof line["lineItemNumber"] === "number" ? line["lineItemNumber"] : index,
        catalogItemId: requiredString(line, "offerId", `lineItems[${index}].`),
        quantity: line["quantity"],
        billingCycle,
        termDuration: line["termDuration"],
        friendlyName: line["friendlyName"],
        customTermEndDate: line["customTermEndDate"],
        promotionId: line["promotionId"],
        participants: [
          ...(reseller === undefined ? [] : [{ key: "transaction_reseller", value: reseller }]),
          ...additional,
        ],
      };
    });
    if (lineItems.length === 0) throw invalidInput("lineItems is required.");
    const lines = readLineItems({ lineItems }, { context, state: store.state, customerId: customer.id });
    const [order] = placeOrders(store, { partner, customer }, lines, context);
    return created(orderView(order!));
  };
}
