// Carts, checkout and orders, and `purchase`, which strings them together the way Partner Center
// needs: fresh availability ids right before the cart, then poll each order until its
// subscriptions exist (checkout answers before provisioning finishes).
import { PartnerCenterError } from "../errors.js";
import { collect } from "../paginate.js";
import { segment, type ServiceCaller } from "../service.js";
import type { Availability, Cart, CartLine, CheckoutResult, Order, Purchase } from "../types.js";
import type * as CartWire from "../wire/cart.js";
import type * as OrderWire from "../wire/order.js";
import { cartFromWire, cartRequestToWire, checkoutResultFromWire } from "../wire/cart.mappers.js";
import { orderFromWire } from "../wire/order.mappers.js";
import type { CatalogFacade } from "./catalog.js";

export interface PurchaseItem {
  productId: string;
  skuId: string;
  quantity: number;
  termDuration: string;
  /** `monthly`, `annual`, `triennial`, or `none` for trials. */
  billingCycle: string;
  friendlyName?: string;
  customTermEndDate?: string;
  /** An NCE promotion to name on the cart line (Partner Center docs: new-commerce-promotions). */
  promotionId?: string;
}

export function cartsFacade(caller: ServiceCaller) {
  return {
    async create(customerId: string, lines: CartLine[]): Promise<Cart> {
      const response = await caller.partnerCenter("carts.create", "POST", `/customers/${segment(customerId)}/carts`, {
        body: cartRequestToWire(lines),
      });
      return cartFromWire(response.body as CartWire.Cart);
    },

    async get(customerId: string, cartId: string): Promise<Cart> {
      const response = await caller.partnerCenter(
        "carts.get",
        "GET",
        `/customers/${segment(customerId)}/carts/${segment(cartId)}`,
      );
      return cartFromWire(response.body as CartWire.Cart);
    },

    async checkout(customerId: string, cartId: string): Promise<CheckoutResult> {
      const response = await caller.partnerCenter(
        "carts.checkout",
        "POST",
        `/customers/${segment(customerId)}/carts/${segment(cartId)}/checkout`,
        { body: {} },
      );
      return checkoutResultFromWire(response.body as CartWire.CartCheckoutResult);
    },
  };
}

export function ordersFacade(caller: ServiceCaller, carts: ReturnType<typeof cartsFacade>, catalog: CatalogFacade) {
  const get = async (customerId: string, orderId: string): Promise<Order> => {
    const response = await caller.partnerCenter(
      "orders.get",
      "GET",
      `/customers/${segment(customerId)}/orders/${segment(orderId)}`,
    );
    return orderFromWire(response.body as OrderWire.Order);
  };

  /** Polls the order until it has left `pending` and every line carries its subscription id. */
  const waitForSubscriptions = (customerId: string, orderId: string, signal?: AbortSignal): Promise<Order> =>
    caller.poll(
      `Order ${orderId} of customer ${customerId}`,
      async () => {
        const order = await get(customerId, orderId);
        if (failedOrderStatuses.has(order.status.toLowerCase())) throw orderFailed(customerId, order);
        if (order.status === "pending") return undefined;
        return order.lines.every((line) => line.subscriptionId !== undefined) ? order : undefined;
      },
      signal,
    );

  return {
    get,
    waitForSubscriptions,

    async list(customerId: string): Promise<Order[]> {
      const items = await collect(caller.partnerCenterItems("orders.list", `/customers/${segment(customerId)}/orders`));
      return items.map((item) => orderFromWire(item as OrderWire.Order));
    },

    /** Buys `items` in one cart and returns once every resulting subscription exists. */
    async purchase(
      customerId: string,
      items: PurchaseItem[],
      options: { country: string; targetSegment?: string; signal?: AbortSignal },
    ): Promise<Purchase> {
      const lines: CartLine[] = [];
      for (const item of items) {
        const scope = {
          country: options.country,
          ...(options.targetSegment === undefined ? {} : { targetSegment: options.targetSegment }),
        };
        const availability = pickAvailability(
          await catalog.listAvailabilities(item.productId, item.skuId, scope),
          item,
        );
        lines.push({
          catalogItemId: availability.catalogItemId,
          quantity: item.quantity,
          billingCycle: item.billingCycle,
          termDuration: item.termDuration,
          ...(item.friendlyName === undefined ? {} : { friendlyName: item.friendlyName }),
          ...(item.promotionId === undefined ? {} : { promotionId: item.promotionId }),
          ...(item.customTermEndDate === undefined ? {} : { customTermEndDate: item.customTermEndDate }),
        });
      }
      const cart = await carts.create(customerId, lines);
      const rejected = cart.lines.filter((line) => line.error !== undefined);
      if (rejected.length > 0)
        throw cartRejected(
          customerId,
          rejected.map((line) => `${line.catalogItemId}: ${line.error?.description} (code ${line.error?.code})`),
        );
      const result = await carts.checkout(customerId, cart.id);
      if (result.orders.length === 0)
        throw cartRejected(
          customerId,
          result.errors.map((error) => `${error.description} (code ${error.code})`),
        );
      const orders: Order[] = [];
      for (const order of result.orders) orders.push(await waitForSubscriptions(customerId, order.id, options.signal));
      return {
        orders,
        subscriptionIds: orders.flatMap((order) => order.lines.map((line) => line.subscriptionId!)),
        errors: result.errors,
      };
    },
  };
}

/** The availability offering the wanted term and billing cycle (enum case differs across answers). */
export function pickAvailability(availabilities: Availability[], item: PurchaseItem): Availability {
  const same = (a: string | undefined, b: string): boolean =>
    a !== undefined && a.toLowerCase().replaceAll("_", "") === b.toLowerCase().replaceAll("_", "");
  const match =
    availabilities.find((availability) =>
      availability.terms.some(
        (term) =>
          same(term.duration, item.termDuration) &&
          (term.billingCycle === undefined || same(term.billingCycle, item.billingCycle)),
      ),
    ) ??
    // A trial (billing "none") runs on its own one-month term whatever terms the paid offer has (R-TRI-1).
    (item.billingCycle === "none"
      ? (availabilities.find((availability) =>
          availability.terms.some((term) => same(term.duration, item.termDuration)),
        ) ?? availabilities[0])
      : undefined);
  if (match !== undefined) return match;
  throw new PartnerCenterError({
    code: "client.not_found",
    message: `No availability of ${item.productId}:${item.skuId} offers a ${item.termDuration} term billed ${item.billingCycle}.`,
    hint: "Check the term and billing cycle against the catalog (`cspctl catalog`), or the customer's country and segment.",
    service: "partner-center",
    retryable: false,
  });
}

/** Order states that will never produce subscriptions (Partner Center docs: order-resources). */
const failedOrderStatuses = new Set(["cancelled", "error", "po review rejected"]);

function orderFailed(customerId: string, order: Order): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.bad_request",
    message: `Order ${order.id} of customer ${customerId} ended as "${order.status}" without creating its subscriptions.`,
    hint: "Check the order in Partner Center; nothing is retried automatically for a failed order.",
    service: "partner-center",
    retryable: false,
    address: `customer:${customerId}`,
  });
}

function cartRejected(customerId: string, reasons: string[]): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.bad_request",
    message: `Partner Center rejected the purchase for customer ${customerId}: ${reasons.join("; ")}`,
    hint: "Nothing was bought. Fix the quantities or offers named above and run again.",
    service: "partner-center",
    retryable: false,
    address: `customer:${customerId}`,
  });
}
