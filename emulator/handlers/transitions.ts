// NCE transitions (Partner Center docs: transition-a-new-commerce-subscription): eligibilities, create, history. The embedded catalog lists no
// upgrade paths, so the only transition emulated is an NCE trial's conversion to its paid offer.
import { randomUUID } from "node:crypto";
import type { BillingCycle, TermDuration } from "../../core/catalog.js";
import type { Transition, TransitionEligibility, TransitionHistory } from "../wire/subscription.js";
import { invalidOfferId, subscriptionNotFound, transitionNotEligible } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import { resolveCatalogItem } from "../rules/catalog-items.js";
import { convertTrialNow } from "../rules/trial-conversion.js";
import { wireTimestamp } from "../rules/terms.js";
import { TRIAL_SEATS } from "../rules/trials.js";
import { own, type Store } from "../store/memory-store.js";
import type { TransitionRecord } from "../store/state.js";
import { bodyObject, optionalText, requiredInteger, requiredString } from "./body.js";
import { collection, ok } from "./shared.js";
import { findSubscription } from "./subscriptions.js";

export function listTransitionEligibilities(store: Store): Handler {
  return (request) => {
    const { partner, subscription } = findSubscription(store, request);
    const items: TransitionEligibility[] = [];
    if (subscription.isTrial && subscription.status === "active") {
      const targets = Object.values(partner.subscriptions).filter(
        (s) =>
          s.customerId === subscription.customerId &&
          s.id !== subscription.id &&
          !s.isTrial &&
          s.productId === subscription.productId &&
          s.skuId === subscription.skuId,
      );
      items.push({
        operationId: randomUUID(),
        catalogItemId: subscription.offerId,
        title: subscription.offerName,
        description: subscription.offerName,
        quantity: Math.max(TRIAL_SEATS, subscription.quantity),
        subscriptionEligibilities: targets.map((target) => {
          const errors =
            target.status !== "active"
              ? [{ code: 1, description: "The target subscription must be active." }]
              : Date.parse(target.termEndDate) < Date.parse(subscription.termEndDate)
                ? [{ code: 4, description: "The subscription's end date is earlier than the trial's end date." }]
                : [];
          return {
            isEligible: errors.length === 0,
            subscriptionId: target.id,
            subscriptionFriendlyName: target.friendlyName,
            subscriptionTermDuration: target.termDuration,
            subscriptionBillingCycle: target.billingCycle,
            errors,
          };
        }),
        eligibilities: [
          { isEligible: true, transitionType: "transition_only", errors: [] },
          {
            isEligible: false,
            transitionType: "transition_with_license_transfer",
            errors: [{ code: 3, description: "A trial conversion keeps its licences; no transfer is needed." }],
          },
        ],
        attributes: { objectType: "TransitionEligibility" },
      });
    }
    return ok(collection(items));
  };
}

export function createTransition(store: Store): Handler {
  return (request, context) => {
    const { partner, subscription } = findSubscription(store, request);
    const body = bodyObject(request.body);
    const toCatalogItemId = requiredString(body, "toCatalogItemId");
    const item = resolveCatalogItem(context.catalog, toCatalogItemId.split(":").slice(0, 2).join(":"));
    if (item === undefined) throw invalidOfferId(toCatalogItemId);
    if (!subscription.isTrial)
      throw transitionNotEligible("The emulator's catalog lists no upgrade path for this subscription.");
    if (item.offer.id !== `${subscription.productId}:${subscription.skuId}`)
      throw transitionNotEligible("A trial converts to its own paid offer.");
    const toSubscriptionId = optionalText(body, "toSubscriptionId")?.toLowerCase();
    const target = toSubscriptionId === undefined ? undefined : own(partner.subscriptions, toSubscriptionId);
    if (toSubscriptionId !== undefined && (target === undefined || target.customerId !== subscription.customerId))
      throw subscriptionNotFound();
    const now = context.clock.now();
    const quantity = requiredInteger(body, "quantity");
    const termDuration = (optionalText(body, "termDuration")?.toUpperCase() ?? "P1Y") as TermDuration;
    const billingCycle = (optionalText(body, "billingCycle")?.toLowerCase() ?? "monthly") as BillingCycle;
    const transitionType = optionalText(body, "transitionType") ?? "transition_only";
    const result = convertTrialNow(
      subscription,
      item.offer,
      { quantity, termDuration, billingCycle, ...(target === undefined ? {} : { target }) },
      now,
    );
    const record: TransitionRecord = {
      id: randomUUID(),
      fromCatalogItemId: subscription.offerId,
      toCatalogItemId: item.catalogItemId,
      fromSubscriptionId: subscription.id,
      toSubscriptionId: result.target?.id ?? subscription.id,
      quantity,
      termDuration,
      billingCycle,
      transitionType,
      status: "Completed",
      creationDate: now.toISOString(),
    };
    result.trial.transitions = [...result.trial.transitions, record];
    partner.subscriptions[result.trial.id] = result.trial;
    if (result.target !== undefined) partner.subscriptions[result.target.id] = result.target;
    const answer: Transition = {
      fromCatalogItemId: record.fromCatalogItemId,
      fromSubscriptionId: record.fromSubscriptionId,
      toCatalogItemId: record.toCatalogItemId,
      toSubscriptionId: record.toSubscriptionId,
      quantity,
      termDuration,
      billingCycle: billingCycle === "monthly" ? "Monthly" : billingCycle === "annual" ? "Annual" : "Triennial",
      transitionType,
      Events: [
        {
          name: "Conversion",
          status: "Completed",
          timestamp: wireTimestamp(record.creationDate),
          attributes: { objectType: "TransitionEvent" },
        },
      ],
      attributes: { objectType: "Transition" },
    };
    return ok(answer);
  };
}

export function listTransitions(store: Store): Handler {
  return (request) => {
    const { subscription } = findSubscription(store, request);
    const operationId = request.query.get("operationId");
    const answer: TransitionHistory = {
      transition: subscription.transitions
        .filter((t) => operationId === null || t.id === operationId)
        .map((t) => ({
          operationId: t.id,
          FromCatalogItemId: t.fromCatalogItemId,
          ToCatalogItemId: t.toCatalogItemId,
          quantity: t.quantity,
          transitionType: t.transitionType,
          Events: [
            {
              name: "Conversion",
              status: "Started",
              timestamp: wireTimestamp(t.creationDate),
              attributes: { objectType: "TransitionEvent" },
            },
            {
              name: "Conversion",
              status: t.status,
              timestamp: wireTimestamp(t.creationDate),
              attributes: { objectType: "TransitionEvent" },
            },
          ],
          attributes: { objectType: "Transition" },
        })),
      attributes: { objectType: "Collection" },
    };
    return ok(answer);
  };
}
