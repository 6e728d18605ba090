// Offer, term, billing, quantity, add-on and renewal checks against the embedded catalog.
import type { CatalogOffer } from "../../../core/catalog.js";
import type { Subscription } from "../../model/estate.generated.js";
import { didYouMean } from "../did-you-mean.js";
import { spanIn, subscriptionEntries, type CheckContext, type MergedCustomer } from "./context.js";

export function checkOffers(customer: MergedCustomer, context: CheckContext): void {
  const { sink, catalog } = context;
  const at = (node: object, key?: string) => spanIn(context, customer.document, node, key);
  const findOffer = (id: string): CatalogOffer | undefined =>
    Object.hasOwn(catalog.offers, id) ? catalog.offers[id] : undefined;
  const offerIds = Object.keys(catalog.offers);

  for (const { subscription, addonOf } of subscriptionEntries(customer.spec)) {
    const offer = findOffer(subscription.offer);
    if (offer === undefined) {
      sink.error(
        "estate.unknown_offer",
        `offer "${subscription.offer}" is not in the catalog`,
        at(subscription, "offer"),
        didYouMean(subscription.offer, offerIds, "see data/catalog.json for the offers cspctl knows"),
      );
      continue;
    }
    if (addonOf === undefined && offer.isAddOn) {
      sink.error(
        "estate.addon_as_base",
        `offer ${offer.id} (${offer.title}) is an add-on and cannot be a base subscription`,
        at(subscription, "offer"),
        "list it under the addons of the base subscription it extends",
      );
    }
    if (addonOf !== undefined && !offer.isAddOn) {
      sink.error(
        "estate.not_an_addon",
        `offer ${offer.id} (${offer.title}) is not an add-on`,
        at(subscription, "offer"),
        "list it under subscriptions instead of addons",
      );
    }
    if (addonOf !== undefined && offer.isAddOn) checkPrerequisites(customer, context, subscription, offer, addonOf);
    checkTermAndBilling(customer, context, subscription, offer, subscription.term, subscription.billing, subscription);
    if (subscription.trial === undefined)
      checkQuantity(customer, context, subscription, offer, subscription.quantity, subscription);
    if (subscription.renewal !== undefined) checkRenewal(customer, context, subscription, offer, findOffer, offerIds);
  }
}

function checkPrerequisites(
  customer: MergedCustomer,
  context: CheckContext,
  addon: Subscription,
  offer: CatalogOffer,
  base: Subscription,
): void {
  if (offer.prerequisites === null || offer.prerequisites.length === 0) return; // null: any base subscription qualifies
  if (offer.prerequisites.includes(base.offer)) return;
  context.sink.error(
    "estate.addon_prerequisite_missing",
    `add-on ${offer.id} (${offer.title}) needs a base subscription of ${offer.prerequisites.join(" or ")}, but "${base.name}" is ${base.offer}`,
    spanIn(context, customer.document, addon, "offer"),
    `move the add-on under a subscription of ${offer.prerequisites.join(" or ")} (R-ADD-2)`,
  );
}

export function checkTermAndBilling(
  customer: MergedCustomer,
  context: CheckContext,
  node: object,
  offer: CatalogOffer,
  term: string | undefined,
  billing: string | undefined,
  owner: Subscription,
): boolean {
  const at = (key: string) => spanIn(context, customer.document, node, key);
  if (term !== undefined && !offer.terms.includes(term as never)) {
    context.sink.error(
      "estate.term_not_allowed",
      `offer ${offer.id} (${offer.title}) has no ${term} term`,
      at("term"),
      `allowed terms: ${offer.terms.join(", ")}`,
    );
    return false;
  }
  const effectiveTerm = (term ?? owner.term) as keyof CatalogOffer["billing"];
  const allowed = offer.billing[effectiveTerm] ?? [];
  if (billing !== undefined && !allowed.includes(billing as never)) {
    context.sink.error(
      "estate.billing_not_allowed",
      `billing ${billing} is not allowed for term ${effectiveTerm} of offer ${offer.id}`,
      at("billing"),
      `allowed for ${effectiveTerm}: ${allowed.join(", ") || "none"} (R-TERM-3)`,
    );
    return false;
  }
  return true;
}

export function checkQuantity(
  customer: MergedCustomer,
  context: CheckContext,
  node: object,
  offer: CatalogOffer,
  quantity: number | undefined,
  _owner: Subscription,
): void {
  if (quantity === undefined) return;
  const max = offer.maximumQuantity;
  if (quantity < offer.minimumQuantity || (max !== null && quantity > max)) {
    const range = max === null ? `at least ${offer.minimumQuantity}` : `${offer.minimumQuantity}..${max}`;
    context.sink.error(
      "estate.quantity_out_of_range",
      `quantity ${quantity} is outside what offer ${offer.id} (${offer.title}) allows (${range})`,
      spanIn(context, customer.document, node, "quantity"),
      `use a quantity of ${range} (R-QTY-8)`,
    );
  }
}

function checkRenewal(
  customer: MergedCustomer,
  context: CheckContext,
  subscription: Subscription,
  offer: CatalogOffer,
  findOffer: (id: string) => CatalogOffer | undefined,
  offerIds: string[],
): void {
  const renewal = subscription.renewal!;
  const at = (node: object, key?: string) =>
    spanIn(context, customer.document, node, key, key === "renewal" ? "key" : "value");
  if (subscription.autoRenew === false) {
    context.sink.error(
      "estate.renewal_requires_auto_renew",
      `subscription "${subscription.name}" schedules renewal changes but autoRenew is false`,
      at(subscription, "renewal"),
      "set autoRenew: true, or remove renewal (R-REN-3)",
    );
  }
  if (subscription.state !== undefined && subscription.state !== "active") {
    context.sink.error(
      "estate.renewal_requires_active",
      `subscription "${subscription.name}" schedules renewal changes but its state is ${subscription.state}`,
      at(subscription, "renewal"),
      "renewal changes can be set only on an active subscription (R-REN-3)",
    );
  }
  let target = offer;
  if (renewal.offer !== undefined) {
    const found = findOffer(renewal.offer);
    if (found === undefined) {
      context.sink.error(
        "estate.unknown_offer",
        `offer "${renewal.offer}" is not in the catalog`,
        at(renewal, "offer"),
        didYouMean(renewal.offer, offerIds, "see data/catalog.json for the offers cspctl knows"),
      );
      return;
    }
    target = found;
  }
  if (checkTermAndBilling(customer, context, renewal, target, renewal.term, renewal.billing, subscription)) {
    checkQuantity(customer, context, renewal, target, renewal.quantity, subscription);
  }
}
