// Carts and checkout: domain → wire for the request, wire → domain for the answers.
import type { Cart, CartLine, CartLineState, CheckoutResult } from "../types.js";
import { arr, defined, num, optArr, optObj, optStr, record, str } from "../wire-read.js";
import type * as Wire from "./cart.js";
import type { Order as WireOrder } from "./order.js";
import { orderFromWire } from "./order.mappers.js";

export function cartRequestToWire(lines: CartLine[]): Wire.CartCreateRequest {
  return {
    lineItems: lines.map((line, index) =>
      defined({
        id: index,
        catalogItemId: line.catalogItemId,
        quantity: line.quantity,
        billingCycle: line.billingCycle,
        termDuration: line.termDuration,
        friendlyName: line.friendlyName,
        customTermEndDate: line.customTermEndDate,
        promotionId: line.promotionId,
        provisioningContext: line.provisioningContext,
      }),
    ),
  };
}

function cartLineFromWire(wire: unknown): CartLineState {
  const context = "cart.lineItems[]";
  const source = record(wire, context);
  const error = optObj(source, "error", context);
  const provisioning = optObj(source, "provisioningContext", context);
  return defined({
    id: num(source, "id", context),
    catalogItemId: str(source, "catalogItemId", context),
    quantity: num(source, "quantity", context),
    billingCycle: str(source, "billingCycle", context),
    termDuration: optStr(source, "termDuration", context),
    friendlyName: optStr(source, "friendlyName", context),
    customTermEndDate: optStr(source, "customTermEndDate", context),
    promotionId: optStr(source, "promotionId", context),
    provisioningContext:
      provisioning === undefined || Object.keys(provisioning).length === 0
        ? undefined
        : (provisioning as Record<string, string>),
    orderGroup: optStr(source, "orderGroup", context),
    error:
      error === undefined
        ? undefined
        : {
            code: errorCode(error["errorCode"]),
            description: optStr(error, "errorDescription", `${context}.error`) ?? "",
          },
  });
}

function errorCode(value: unknown): string | number {
  return typeof value === "number" || typeof value === "string" ? value : "unknown";
}

export function cartFromWire(wire: Wire.Cart): Cart {
  const context = "cart";
  const source = record(wire, context);
  return defined({
    id: str(source, "id", context),
    status: optStr(source, "status", context),
    expiresAt: optStr(source, "expirationTimestamp", context),
    lines: arr(source, "lineItems", context).map(cartLineFromWire),
  });
}

export function checkoutResultFromWire(wire: Wire.CartCheckoutResult): CheckoutResult {
  const context = "checkout result";
  const source = record(wire, context);
  return {
    orders: arr(source, "orders", context).map((order) => orderFromWire(order as WireOrder)),
    errors: (optArr(source, "orderErrors", context) ?? []).map((item) => {
      const entry = record(item, `${context}.orderErrors[]`);
      const code = entry["code"];
      return {
        orderGroupId: str(entry, "orderGroupId", context),
        code: typeof code === "number" || typeof code === "string" ? code : "unknown",
        description: str(entry, "description", context),
      };
    }),
  };
}
