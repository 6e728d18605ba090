// NCE trial rules (NCE-RULES R-TRI-1, R-TRI-2, R-TRI-3, R-TRI-5).
import type { Subscription } from "../../model/estate.generated.js";
import { checkQuantity, checkTermAndBilling } from "./offer-rules.js";
import { spanIn, subscriptionEntries, type CheckContext, type MergedCustomer } from "./context.js";

const TRIAL_SEATS = 25;

export function checkTrials(customer: MergedCustomer, context: CheckContext): void {
  const { sink, catalog } = context;
  const entries = subscriptionEntries(customer.spec);
  const trialsByOffer = new Map<string, Subscription>();
  const qualification = customer.spec.company.qualification ?? "commercial";

  for (const { subscription } of entries) {
    const trial = subscription.trial;
    if (trial === undefined) continue;
    const at = (node: object, key?: string, part: "key" | "value" = "value") =>
      spanIn(context, customer.document, node, key, part);
    const offer = Object.hasOwn(catalog.offers, subscription.offer) ? catalog.offers[subscription.offer] : undefined;

    if (offer !== undefined && (offer.isAddOn || !offer.trialAvailable)) {
      sink.error(
        "estate.trial_not_available",
        `offer ${offer.id} (${offer.title}) has no trial${offer.isAddOn ? ": add-ons have none" : ""}`,
        at(subscription, "trial", "key"),
        "remove trial: and buy the offer (R-TRI-5)",
      );
    } else if (qualification === "education" || qualification === "government") {
      sink.error(
        "estate.trial_not_available",
        `${qualification} customers get no trials`,
        at(subscription, "trial", "key"),
        "remove trial: and buy the offer (R-TRI-5)",
      );
    }

    if (trial.convert === "now" && subscription.quantity < TRIAL_SEATS) {
      sink.error(
        "estate.trial_convert_now_seats",
        `a trial converted now keeps at least ${TRIAL_SEATS} seats, but quantity is ${subscription.quantity}`,
        at(subscription, "quantity"),
        `set quantity: ${TRIAL_SEATS} (R-TRI-3)`,
      );
    } else if (subscription.quantity !== TRIAL_SEATS) {
      sink.error(
        "estate.trial_quantity",
        `NCE trials have exactly ${TRIAL_SEATS} seats, but quantity is ${subscription.quantity}`,
        at(subscription, "quantity"),
        `set quantity: ${TRIAL_SEATS}; seats after conversion go in trial.convertTo.quantity (R-TRI-1)`,
      );
    }

    if (trial.convert === "never" && subscription.autoRenew === true) {
      sink.error(
        "estate.trial_convert_contradiction",
        "trial.convert never lets the trial expire, but autoRenew is true (which converts it)",
        at(subscription, "autoRenew"),
        "remove autoRenew (it defaults to false for convert: never) or use convert: auto (R-TRI-3)",
      );
    } else if (trial.convert === "auto" && subscription.autoRenew === false) {
      sink.error(
        "estate.trial_convert_contradiction",
        "trial.convert auto converts at trial end, which needs autoRenew true, but autoRenew is false",
        at(subscription, "autoRenew"),
        "remove autoRenew: false or use convert: never (R-TRI-3)",
      );
    }

    if (trial.convertTo !== undefined) {
      if (trial.convert !== "auto") {
        sink.error(
          "estate.trial_convert_to_without_auto",
          `trial.convertTo is only used with convert: auto, not ${trial.convert}`,
          at(trial, "convertTo", "key"),
          "remove convertTo or set convert: auto",
        );
      } else if (
        offer !== undefined &&
        checkTermAndBilling(customer, context, trial.convertTo, offer, trial.convertTo.term, trial.convertTo.billing, {
          ...subscription,
          term: trial.convertTo.term ?? "P1Y",
        })
      ) {
        checkQuantity(customer, context, trial.convertTo, offer, trial.convertTo.quantity, subscription);
      }
    }

    if (subscription.state !== undefined && subscription.state !== "active") {
      sink.error(
        "estate.trial_state",
        `a trial's status cannot change during the trial, but state is ${subscription.state}`,
        at(subscription, "state"),
        "remove state from the trial (R-TRI-2)",
      );
    }

    const earlier = trialsByOffer.get(subscription.offer);
    if (earlier !== undefined) {
      sink.error(
        "estate.duplicate_trial",
        `a second trial of offer ${subscription.offer} for this customer ("${earlier.name}" is the first)`,
        at(subscription, "trial", "key"),
        "one free trial per offer per customer (R-TRI-5)",
      );
    } else {
      trialsByOffer.set(subscription.offer, subscription);
    }
  }

  for (const [offerId, trial] of trialsByOffer) {
    const paid = entries.find((e) => e.subscription.trial === undefined && e.subscription.offer === offerId);
    if (paid !== undefined) {
      sink.error(
        "estate.trial_with_paid",
        `trial "${trial.name}" is for offer ${offerId}, which the customer also buys as "${paid.subscription.name}"`,
        spanIn(context, customer.document, trial, "trial", "key"),
        "no trial when the customer owns the offer (R-TRI-5); remove the trial",
      );
    }
  }
}
