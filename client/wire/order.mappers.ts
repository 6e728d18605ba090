// Orders and their provisioning status: wire → domain.
import type { Order, OrderLine } from "../types.js";
import { arr, defined, num, optStr, optTimestamp, record, str } from "../wire-read.js";
import type * as Wire from "./order.js";

function orderLineFromWire(wire: unknown): OrderLine {
  const context = "order.lineItems[]";
  const source = record(wire, context);
  return defined({
    lineNumber: num(source, "lineItemNumber", context),
    offerId: str(source, "offerId", context),
    subscriptionId: optStr(source, "subscriptionId", context),
    quantity: num(source, "quantity", context),
    termDuration: optStr(source, "termDuration", context),
    friendlyName: optStr(source, "friendlyName", context),
  });
}

export function orderFromWire(wire: Wire.Order): Order {
  const context = "order";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    customerId: optStr(source, "referenceCustomerId", context),
    status: str(source, "status", context),
    billingCycle: optStr(source, "billingCycle", context),
    createdAt: optTimestamp(source, "creationDate", context),
    lines: arr(source, "lineItems", context).map(orderLineFromWire),
  });
}

export interface OrderLineProvisioning {
  lineNumber: number;
  status: string;
  quantities: Array<{ quantity: number; status: string }>;
}

export function orderProvisioningFromWire(wire: Wire.OrderLineItemProvisioningStatus): OrderLineProvisioning {
  const context = "order provisioning status";
  const source = record(wire, context);
  return {
    lineNumber: num(source, "lineItemNumber", context),
    status: str(source, "status", context),
    quantities: arr(source, "quantityProvisioningInformation", context).map((item) => {
      const entry = record(item, `${context}.quantityProvisioningInformation[]`);
      return { quantity: num(entry, "quantity", context), status: str(entry, "status", context) };
    }),
  };
}
