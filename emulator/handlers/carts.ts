// NCE carts (Partner Center docs: create-a-cart, checkout-a-cart): create, get, replace, checkout. Checkout places `pending` orders whose
// subscriptions appear after DomainConfig.provisioningDelaySeconds of emulator time.
import { randomUUID } from "node:crypto";
import type { Cart, CartCheckoutResult, CartLineItem } from "../wire/cart.js";
import { cartAlreadySubmitted, cartNotFound, customerNotReady, invalidInput } from "../errors.js";
import type { EmulatorRequest, Handler, HandlerContext } from "../pipeline/types.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import { completeOrder } from "../rules/order-completion.js";
import { checkPurchase } from "../rules/purchase.js";
import { addDays, wireTimestamp } from "../rules/terms.js";
import { own, type Store } from "../store/memory-store.js";
import { newOrderId } from "../store/records.js";
import type { CartLineItemRecord, CartRecord, CustomerRecord, OrderRecord, PartnerRecord } from "../store/state.js";
import { readLineItems, reseller } from "./cart-lines.js";
import { orderView } from "./order-views.js";
import { created, customerScope, ok, selfLinks } from "./shared.js";

/** NCE-RULES R-TIME-3: carts expire 7 days after creation. */
const CART_LIFETIME_DAYS = 7;

export function createCart(store: Store): Handler {
  return (request, context) => {
    const { customer } = customerScope(store, request);
    const now = context.clock.now().toISOString();
    const cart: CartRecord = {
      id: randomUUID(),
      customerId: customer.id,
      status: "Active",
      creationTimestamp: now,
      lastModifiedTimestamp: now,
      expirationTimestamp: addDays(now, CART_LIFETIME_DAYS).toISOString(),
      lastModifiedUser: request.principal.userObjectId ?? request.principal.clientId,
      lineItems: readLineItems(request.body, { context, state: store.state, customerId: customer.id }),
    };
    customerScope(store, request).partner.carts[cart.id] = cart;
    return created(cartView(cart));
  };
}

export function getCart(store: Store): Handler {
  return (request) => ok(cartView(findCart(store, request)));
}

/** PUT replaces the cart's line items (full resource). */
export function replaceCart(store: Store): Handler {
  return (request, context) => {
    const cart = findCart(store, request);
    if (cart.status !== "Active") throw cartAlreadySubmitted();
    cart.lineItems = readLineItems(request.body, { context, state: store.state, customerId: cart.customerId });
    cart.lastModifiedTimestamp = context.clock.now().toISOString();
    cart.lastModifiedUser = request.principal.userObjectId ?? request.principal.clientId;
    return ok(cartView(cart));
  };
}

export function checkoutCart(store: Store): Handler {
  return (request, context) => {
    const { partner, customer } = customerScope(store, request);
    const cart = findCart(store, request);
    if (cart.status !== "Active") throw cartAlreadySubmitted();
    if (context.clock.now().getTime() > Date.parse(cart.expirationTimestamp))
      throw invalidInput("The cart has expired. Create a new cart.");
    const orders = placeOrders(store, { partner, customer }, cart.lineItems, context);
    cart.status = "Ordered";
    const result: CartCheckoutResult = { orders: orders.map((order) => orderView(order)), orderErrors: [] };
    return created(result);
  };
}

/**
 * The one purchase path, for a cart's checkout and for an order created directly: checks the
 * purchase against the NCE rules and places one `pending` order per order group, whose
 * subscriptions appear after DomainConfig.provisioningDelaySeconds.
 */
export function placeOrders(
  store: Store,
  scope: { partner: PartnerRecord; customer: CustomerRecord },
  lines: CartLineItemRecord[],
  context: HandlerContext,
): OrderRecord[] {
  const { partner, customer } = scope;
  const now = context.clock.now();
  if (
    customer.createdThroughApi &&
    now.getTime() < Date.parse(customer.createdAt) + context.config.slowStartSeconds * 1000
  )
    throw customerNotReady();
  checkPurchase(store.state, context.catalog, customer.id, lines);
  const orders: OrderRecord[] = [];
  for (const group of [...new Set(lines.map((line) => line.orderGroup))]) {
    const groupLines = lines.filter((line) => line.orderGroup === group);
    const order: OrderRecord = {
      id: newOrderId(),
      customerId: customer.id,
      status: "pending",
      creationDate: now.toISOString(),
      completesAt: new Date(now.getTime() + context.config.provisioningDelaySeconds * 1000).toISOString(),
      billingCycle: groupLines[0]!.billingCycle,
      currencyCode: "USD",
      currencySymbol: "$",
      lineItems: groupLines.map((line, index) => ({
        lineItemNumber: index,
        offerId: line.catalogItemId,
        termDuration: line.termDuration ?? "P1M",
        billingCycle: line.billingCycle,
        transactionType: "New",
        friendlyName: line.friendlyName ?? resolveCatalogItem(context.catalog, line.catalogItemId)!.offer.title,
        quantity: line.quantity,
        isTrial: line.isTrial,
        ...(reseller(line) === undefined ? {} : { partnerIdOnRecord: reseller(line)! }),
        ...(line.customTermEndDate === undefined ? {} : { customTermEndDate: line.customTermEndDate }),
      })),
      version: 1,
    };
    partner.orders[order.id] = order;
    if (context.config.provisioningDelaySeconds <= 0) completeOrder(partner, order, context.catalog);
    orders.push(order);
  }
  return orders;
}

function findCart(store: Store, request: EmulatorRequest): CartRecord {
  const { partner, customer } = customerScope(store, request);
  const cart = own(partner.carts, (request.params["cartId"] ?? "").toLowerCase());
  if (cart === undefined || cart.customerId !== customer.id) throw cartNotFound();
  return cart;
}

function cartView(cart: CartRecord): Cart {
  return {
    id: cart.id,
    creationTimestamp: wireTimestamp(cart.creationTimestamp),
    lastModifiedTimestamp: wireTimestamp(cart.lastModifiedTimestamp),
    expirationTimestamp: wireTimestamp(cart.expirationTimestamp),
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    lineItems: cart.lineItems.map(
      (line): CartLineItem => ({
        id: line.id,
        catalogItemId: line.catalogItemId,
        quantity: line.quantity,
        currencyCode: line.currencyCode,
        billingCycle: line.billingCycle,
        ...(line.termDuration === undefined ? {} : { termDuration: line.termDuration }),
        ...(line.friendlyName === undefined ? {} : { friendlyName: line.friendlyName }),
        ...(line.customTermEndDate === undefined ? {} : { customTermEndDate: line.customTermEndDate }),
        ...(line.participants === undefined ? {} : { participants: line.participants.map((p) => ({ ...p })) }),
        provisioningContext: { ...line.provisioningContext },
        orderGroup: line.orderGroup,
      }),
    ),
    links: selfLinks(`/customers/${cart.customerId}/carts/${cart.id}`),
    attributes: { objectType: "Cart" },
  };
}
