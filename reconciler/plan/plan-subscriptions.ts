// Subscription steps for one customer: create, resize, update, suspend, reactivate, cancel,
// schedule-renewal and convert-trial, with the NCE rules that block what Partner Center would refuse.
import { findOffer } from "../../core/catalog.js";
import type { DesiredSubscription } from "../model/desired-estate.js";
import type { ActualSubscription } from "../read/actual-estate.js";
import type { CapacityLedger } from "./capacity.js";
import { compact, pick } from "./records.js";
import type { CustomerContext } from "./customer-context.js";
import { matchSubscriptions, paidTerms } from "./match.js";
import type { PlanStep, StepProblem } from "./plan.js";
import type { ErrorCode } from "../../core/error-codes.js";

/** The partner's own suspension says CustomerCancellation; every other reason (CreditCheck, Fraud, …, or one not known yet) is Microsoft's. */
const PARTNER_SUSPENSION_REASONS = new Set(["customercancellation"]);

function suspendedByMicrosoft(have: ActualSubscription): string[] {
  return (have.suspensionReasons ?? []).filter((reason) => !PARTNER_SUSPENSION_REASONS.has(reason.toLowerCase()));
}

/** A seat reduction whose capacity check waits until licence steps are known. */
export interface PendingReduction {
  step: PlanStep;
  skuId: string;
  seats: number;
}

export interface SubscriptionPlan {
  /** Desired subscription name → the existing subscription, or the step that creates it. */
  resolved: Map<string, { subscription?: ActualSubscription; createStep?: PlanStep; desired: DesiredSubscription }>;
  reductions: PendingReduction[];
}

// poNumber is not compared: Partner Center has no subscription field for it (POs are order attachments; Partner Center docs: subscription-resources).
const trackedFields = ["autoRenew", "friendlyName"] as const;

export function planSubscriptions(
  ctx: CustomerContext,
  actual: readonly ActualSubscription[],
  ledger: CapacityLedger,
  customerStep: PlanStep | undefined,
  unreadable: readonly string[] = [],
): SubscriptionPlan {
  const { matched, duplicates, unmatchedActual } = matchSubscriptions(
    ctx.desired.address,
    ctx.desired.subscriptions,
    actual,
  );
  const resolved: SubscriptionPlan["resolved"] = new Map();
  const reductions: PendingReduction[] = [];
  const customerDeps = customerStep ? [customerStep.id] : [];

  for (const declared of ctx.desired.subscriptions) {
    const have = matched.get(declared.name);
    const want = have !== undefined && !have.isTrial ? satisfiedTrial(declared) : declared;
    const skuId = findOffer(want.offer)?.licenseSkuId ?? undefined;
    const ignorePath = (field: string): string => `subscriptions[${want.name}].${field}`;
    if (have === undefined) {
      if (want.state === "cancelled") continue;
      if (trialEnded(want, actual)) continue;
      if (unreadable.length > 0) {
        // The unreadable one may be this very subscription: buying now could buy it twice.
        ctx.findings.push({
          kind: "unknown",
          address: want.address,
          message: `not planned: ${unreadable.length} subscription(s) of this customer could not be read (${unreadable.join(", ")}), and one of them may be this one`,
        });
        continue;
      }
      const base = want.addonOf === undefined ? undefined : resolved.get(want.addonOf);
      const owned =
        want.trial === undefined ? undefined : actual.find((s) => s.offerId.toLowerCase() === want.offer.toLowerCase());
      const promotion = want.trial === undefined ? promotionOf(ctx, want) : {};
      const step = ctx.addStep({
        address: want.address,
        action: "create-subscription",
        reason: "missing_in_partner_center",
        after: { ...describeDesired(want), ...promotion.after },
        dependsOn: [...customerDeps, ...(base?.createStep ? [base.createStep.id] : [])],
        target: {
          ...(base?.subscription ? { subscriptionId: base.subscription.id } : {}),
          knownSameOffer: sameOffer(actual, want.offer),
        },
        ...(owned ? { blocked: trialNotAvailable(want.offer, owned) } : {}),
        ...(promotion.blocked ? { blocked: promotion.blocked } : {}),
      });
      if (skuId) ledger.addSeats(skuId, want.quantity, step.id);
      resolved.set(want.name, { createStep: step, desired: want });
      if (want.state === "suspended") {
        ctx.addStep({
          address: want.address,
          action: "suspend",
          reason: "declared_suspended",
          before: { state: "active" },
          after: { state: "suspended" },
          changedFields: ["state"],
          dependsOn: [step.id],
        });
      } else if (want.renewal && want.autoRenew && want.trial === undefined) {
        ctx.addStep({
          address: want.address,
          action: "schedule-renewal",
          reason: "renewal_changed",
          before: { renewal: null },
          after: { renewal: renewalOf(want) },
          changedFields: ["renewal"],
          dependsOn: [step.id],
        });
      } else if (
        want.trial?.convert === "auto" &&
        !sameConversion({ ...DEFAULT_CONVERSION, ...want.trial.convertTo }, DEFAULT_CONVERSION)
      ) {
        ctx.addStep({
          address: want.address,
          action: "schedule-renewal",
          reason: "trial_conversion_scheduled",
          before: { renewal: null },
          after: { renewal: { ...DEFAULT_CONVERSION, ...want.trial.convertTo } },
          changedFields: ["renewal"],
          dependsOn: [step.id],
        });
      }
      continue;
    }
    resolved.set(want.name, { subscription: have, desired: want });
    const target = { subscriptionId: have.id };

    if (have.status === "pending") {
      // Bought and still provisioning: never bought again, never changed until it exists.
      ctx.findings.push({
        kind: "pending",
        address: want.address,
        message: `order ${have.orderId ?? "(unknown)"} for ${have.quantity} seat(s) of ${have.offerId} is still provisioning; changes to it wait until it completes`,
        detail: { orderId: have.orderId, quantity: have.quantity },
      });
      if (skuId) ledger.addPending(skuId, have.quantity, have.orderId ?? have.id);
      continue;
    }

    if (have.status === "expired" || have.status === "disabled") {
      if (want.state !== "cancelled" && !trialEnded(want, [have])) {
        ctx.addStep({
          address: want.address,
          action: "reactivate",
          reason: "subscription_ended",
          target,
          before: { state: have.status },
          after: { state: want.state },
          changedFields: ["state"],
          blocked: {
            code: "plan.subscription_ended",
            message: `the subscription is ${have.status} and cannot be reactivated (NCE-RULES R-SUS-5)`,
            hint: `remove it from the estate and declare a new subscription of ${want.offer} under another name to buy again`,
          },
        });
      }
      continue;
    }

    if (have.isTrial && (want.trial === undefined || want.trial.convert === "now")) {
      ctx.addStep({
        address: want.address,
        action: "convert-trial",
        reason: want.trial ? "trial_convert_now" : "trial_declared_paid",
        target,
        before: { trial: true, quantity: have.quantity },
        after: { trial: false, quantity: Math.max(want.quantity, 25), term: want.term, billing: want.billing },
        changedFields: ["trial"],
      });
    }

    // state: a trial's status cannot change during the trial (R-TRI-2)
    if (have.isTrial && want.state !== "active" && want.trial !== undefined) {
      ctx.addStep({
        address: want.address,
        action: want.state === "cancelled" ? "cancel" : "suspend",
        reason: want.state === "cancelled" ? "declared_cancelled" : "declared_suspended",
        target,
        before: { state: have.status },
        after: { state: want.state },
        changedFields: ["state"],
        blocked: {
          code: "plan.trial_locked",
          message: "a trial's status and seat count cannot change during the trial (NCE-RULES R-TRI-2)",
          hint: "set trial.convert: never (auto-renew off) so the trial expires at its end, or convert it first (trial.convert: now)",
        },
      });
      continue;
    }
    let stateStep: PlanStep | undefined;
    if (want.state === "cancelled") {
      const allowed =
        have.cancellationAllowedUntil !== null && Date.parse(have.cancellationAllowedUntil) > ctx.now.getTime();
      const step = ctx.addStep({
        address: want.address,
        action: "cancel",
        reason: "declared_cancelled",
        target,
        before: { state: have.status, quantity: have.quantity },
        after: { state: "cancelled" },
        changedFields: ["state"],
        ...(allowed ? {} : { blocked: windowClosed("cancel", have) }),
      });
      if (allowed && skuId) reductions.push({ step, skuId, seats: have.quantity });
      continue;
    }
    const stateDiffers =
      (want.state === "suspended" && have.status === "active") ||
      (want.state === "active" && have.status === "suspended");
    // an accepted state difference is reported as such (filterIgnored records the finding), never hidden
    const stateAccepted =
      stateDiffers &&
      ctx.filterIgnored(want.address, ["state"], ignorePath, { state: have.status }, { state: want.state }).length ===
        0;
    if (want.state === "suspended" && have.status === "active") {
      if (!stateAccepted) {
        // Suspending locks users out on purpose (that is why it is destructive), so assigned seats do not block it.
        ctx.addStep({
          address: want.address,
          action: "suspend",
          reason: "declared_suspended",
          target,
          before: { state: "active" },
          after: { state: "suspended" },
          changedFields: ["state"],
        });
      }
    } else if (want.state === "active" && have.status === "suspended" && !stateAccepted) {
      const microsoftReasons = suspendedByMicrosoft(have);
      if (microsoftReasons.length > 0) {
        // Only Microsoft lifts its own suspension (credit check, fraud, …): a reactivation is never planned.
        ctx.addStep({
          address: want.address,
          action: "reactivate",
          reason: "declared_active",
          target,
          before: { state: "suspended", suspensionReasons: have.suspensionReasons },
          after: { state: "active" },
          changedFields: ["state"],
          blocked: {
            code: "plan.suspended_by_microsoft",
            message: `Microsoft suspended this subscription (${microsoftReasons.join(", ")}); a partner cannot reactivate it`,
            hint: `resolve it with Microsoft (Partner Center support); until then declare state: suspended, or accept the difference with a policy.ignore entry for ${ignorePath("state")}`,
          },
        });
      } else {
        stateStep = ctx.addStep({
          address: want.address,
          action: "reactivate",
          reason: "declared_active",
          target,
          before: { state: "suspended" },
          after: { state: "active" },
          changedFields: ["state"],
          dependsOn: customerDeps,
        });
        if (skuId) ledger.addSeats(skuId, have.quantity, stateStep.id);
      }
    }

    // quantity
    let resizeStep: PlanStep | undefined;
    const quantityChanged =
      !have.isTrial &&
      want.quantity !== have.quantity &&
      ctx.filterIgnored(
        want.address,
        ["quantity"],
        ignorePath,
        { quantity: have.quantity },
        { quantity: want.quantity },
      ).length > 0;
    if (quantityChanged && want.quantity > have.quantity) {
      resizeStep = ctx.addStep({
        address: want.address,
        action: "resize",
        reason: "quantity_increase",
        target,
        before: { quantity: have.quantity },
        after: { quantity: want.quantity },
        changedFields: ["quantity"],
      });
      if (skuId) ledger.addSeats(skuId, want.quantity - have.quantity, resizeStep.id);
    } else if (quantityChanged) {
      const seats = have.quantity - want.quantity;
      const withinWindow = seats <= have.refundableQuantity;
      resizeStep = ctx.addStep({
        address: want.address,
        action: "resize",
        reason: "quantity_decrease",
        target,
        before: { quantity: have.quantity },
        after: { quantity: want.quantity },
        changedFields: ["quantity"],
        ...(withinWindow ? {} : { blocked: decreaseOutsideWindow(want, have, seats) }),
      });
      if (withinWindow && skuId) reductions.push({ step: resizeStep, skuId, seats });
    }

    // auto-renew, friendly name, PO number
    const before: Record<string, unknown> = { autoRenew: have.autoRenew, friendlyName: have.friendlyName };
    // Suspending turns auto-renew off, and it stays off while suspended (R-SUS-3): not compared then.
    const after: Record<string, unknown> = {
      autoRenew:
        want.state === "suspended" || (stateAccepted && have.status === "suspended") ? have.autoRenew : want.autoRenew,
      friendlyName: want.friendlyName ?? have.friendlyName,
    };
    const changed = ctx.filterIgnored(
      want.address,
      trackedFields.filter((f) => before[f] !== after[f]),
      ignorePath,
      before,
      after,
    );
    let updateStep: PlanStep | undefined;
    if (changed.length > 0) {
      updateStep = ctx.addStep({
        address: want.address,
        action: "update-subscription",
        reason: changed.length === 1 ? `${snake(changed[0]!)}_changed` : "fields_changed",
        target,
        before: pick(before, changed),
        after: pick(after, changed),
        changedFields: changed,
        dependsOn: stateStep ? [stateStep.id] : [],
      });
    }

    // scheduled next-term changes (R-REN-3, wiped by mid-term changes R-REN-4, so they go last)
    const mustFollow = [resizeStep, updateStep].filter((s): s is PlanStep => s !== undefined);
    if (have.isTrial) planTrialConversion(ctx, want, have, mustFollow);
    else planRenewal(ctx, want, have, mustFollow);
  }

  for (const [name, extras] of duplicates) {
    for (const extra of extras) planDuplicate(ctx, matched.get(name)!, extra, reductions);
  }

  for (const extra of unmatchedActual) {
    if (extra.status !== "active" && extra.status !== "suspended" && extra.status !== "pending") continue;
    const address = `${ctx.desired.address}/subscription:${extra.id}`;
    const described = {
      offer: extra.offerId,
      quantity: extra.quantity,
      term: extra.term,
      billing: extra.billing,
      state: extra.status,
      friendlyName: extra.friendlyName,
    };
    if (ctx.desired.policy.prune.subscriptions && extra.status !== "pending") {
      const allowed =
        extra.cancellationAllowedUntil !== null && Date.parse(extra.cancellationAllowedUntil) > ctx.now.getTime();
      const step = ctx.addStep({
        address,
        action: "cancel",
        reason: "pruned_undeclared",
        target: { subscriptionId: extra.id },
        before: described,
        after: { state: "cancelled" },
        changedFields: ["state"],
        ...(allowed ? {} : { blocked: windowClosed("cancel", extra) }),
      });
      // An undeclared subscription's seats may be in use: its cancellation passes the same seat check as a declared one.
      const extraSku = findOffer(extra.offerId)?.licenseSkuId ?? undefined;
      if (allowed && extraSku && extra.status === "active")
        reductions.push({ step, skuId: extraSku, seats: extra.quantity });
    } else {
      ctx.findings.push({
        kind: "unmanaged",
        address,
        message: `subscription ${extra.id} (${extra.offerId}, ${extra.quantity} seats) is not declared`,
        detail: described,
      });
    }
  }
  return { resolved, reductions };
}

/**
 * A second subscription of a declared offer, bought after the one the declaration matches (two
 * applies at once, a purchase in the portal): cancelled while NCE still refunds it, as a destructive
 * step that always needs --allow-destructive; after that, a finding.
 */
function planDuplicate(
  ctx: CustomerContext,
  original: ActualSubscription,
  extra: ActualSubscription,
  reductions: PendingReduction[],
): void {
  const address = `${ctx.desired.address}/subscription:${extra.id}`;
  const refundable =
    extra.status !== "pending" &&
    extra.cancellationAllowedUntil !== null &&
    Date.parse(extra.cancellationAllowedUntil) > ctx.now.getTime();
  const described = {
    offer: extra.offerId,
    quantity: extra.quantity,
    state: extra.status,
    purchasedAt: extra.purchasedAt ?? null,
    duplicateOf: original.id,
    refundableUntil: refundable ? extra.cancellationAllowedUntil : null,
  };
  if (!refundable) {
    ctx.findings.push({
      kind: "unmanaged",
      address,
      message: `subscription ${extra.id} duplicates ${original.id} (${extra.offerId}, ${extra.quantity} seats), and Partner Center ${extra.status === "pending" ? "is still provisioning it: plan again once it is active" : "no longer refunds it: turn its auto-renew off so it ends with its term"}`,
      detail: described,
    });
    return;
  }
  const step = ctx.addStep({
    address,
    action: "cancel",
    reason: "duplicate_purchase",
    target: { subscriptionId: extra.id },
    before: described,
    after: { state: "cancelled" },
    changedFields: ["state"],
  });
  // Money and seats on an object no declaration names: never without the flag, whatever policy.protect says.
  step.protected = true;
  const sku = findOffer(extra.offerId)?.licenseSkuId ?? undefined;
  if (sku && extra.status === "active") reductions.push({ step, skuId: sku, seats: extra.quantity });
}

function planRenewal(
  ctx: CustomerContext,
  want: DesiredSubscription,
  have: ActualSubscription,
  mustFollow: PlanStep[],
): void {
  const desired = want.renewal ? renewalOf(want) : null;
  // Partner Center reports every field of a schedule; only the declared ones are compared.
  const current = have.scheduledNextTerm
    ? compact(
        desired === null
          ? { ...have.scheduledNextTerm }
          : Object.fromEntries(
              Object.keys(desired).map((k) => [k, (have.scheduledNextTerm as Record<string, unknown>)[k]]),
            ),
      )
    : null;
  // A mid-term change wipes a saved schedule, so after one the schedule must be written again.
  const wiped = mustFollow.length > 0 && current !== null;
  if (JSON.stringify(desired) === JSON.stringify(current) && !wiped) return;
  if (desired === null && current === null) return;
  const blocked: StepProblem | undefined =
    desired !== null && (!want.autoRenew || have.status !== "active")
      ? {
          code: "plan.renewal_needs_auto_renew",
          message: "scheduled changes can only be set on an active subscription with auto-renew on (NCE-RULES R-REN-3)",
          hint: "set autoRenew: true and state: active, or remove renewal:",
        }
      : undefined;
  ctx.addStep({
    address: want.address,
    action: "schedule-renewal",
    reason:
      desired === null ? "scheduled_change_undeclared" : wiped ? "schedule_rewritten_after_change" : "renewal_changed",
    target: { subscriptionId: have.id },
    before: { renewal: current },
    after: { renewal: desired },
    changedFields: ["renewal"],
    dependsOn: mustFollow.map((s) => s.id),
    ...(blocked ? { blocked } : {}),
  });
}

/** The paid terms a trial converts to at its end: Partner Center's default unless scheduled otherwise (R-TRI-3). */
const DEFAULT_CONVERSION = { quantity: 25, term: "P1Y", billing: "monthly" };

function planTrialConversion(
  ctx: CustomerContext,
  want: DesiredSubscription,
  have: ActualSubscription,
  mustFollow: PlanStep[],
): void {
  if (want.trial?.convert !== "auto") return;
  const wanted = { ...DEFAULT_CONVERSION, ...want.trial.convertTo };
  const scheduled = have.scheduledNextTerm
    ? { ...DEFAULT_CONVERSION, ...compact({ ...have.scheduledNextTerm }) }
    : DEFAULT_CONVERSION;
  if (sameConversion(wanted, scheduled)) return;
  ctx.addStep({
    address: want.address,
    action: "schedule-renewal",
    reason: "trial_conversion_scheduled",
    target: { subscriptionId: have.id },
    before: { renewal: have.scheduledNextTerm ? scheduled : null },
    after: { renewal: wanted },
    changedFields: ["renewal"],
    dependsOn: mustFollow.map((s) => s.id),
  });
}

function sameConversion(
  a: { quantity: unknown; term: unknown; billing: unknown },
  b: { quantity: unknown; term: unknown; billing: unknown },
): boolean {
  return a.quantity === b.quantity && a.term === b.term && a.billing === b.billing;
}

function renewalOf(want: DesiredSubscription): Record<string, unknown> {
  return compact({
    quantity: want.renewal?.quantity,
    term: want.renewal?.term,
    billing: want.renewal?.billing,
    offer: want.renewal?.offer,
  });
}

/**
 * A declared trial that has converted is satisfied by the paid subscription it became: from then on
 * the declaration stands for that subscription on its conversion terms, with nothing left to convert.
 */
function satisfiedTrial(want: DesiredSubscription): DesiredSubscription {
  if (want.trial === undefined || want.trial.convert === "never") return want;
  const { trial: _converted, ...paid } = want;
  return { ...paid, ...paidTerms(want) };
}

/** A `convert: never` trial that has run its course (expired, disabled or deleted, R-TRI-3, R-SUS-5) is complete, not missing. */
function trialEnded(want: DesiredSubscription, actual: readonly ActualSubscription[]): boolean {
  if (want.trial?.convert !== "never") return false;
  return actual.some(
    (s) =>
      s.isTrial &&
      s.offerId.toLowerCase() === want.offer.toLowerCase() &&
      (s.status === "expired" || s.status === "disabled" || s.status === "deleted"),
  );
}

function decreaseOutsideWindow(want: DesiredSubscription, have: ActualSubscription, seats: number): StepProblem {
  const until = have.refundableBatches.map((b) => `${b.quantity} until ${b.allowedUntil}`).join(", ");
  return {
    code: "plan.decrease_outside_window",
    message: `removing ${seats} seat(s) needs them to be within the 7-day window (NCE-RULES R-QTY-3); Partner Center allows ${have.refundableQuantity} now${until ? ` (${until})` : ""}`,
    hint: `keep quantity: ${have.quantity} and set renewal: { quantity: ${want.quantity} } to shrink at renewal${have.termEndDate ? ` (term ends ${have.termEndDate.slice(0, 10)})` : ""}, or set autoRenew: false`,
  };
}

/**
 * A purchase's declared promotion, as Partner Center's eligibility check answered at read time: the
 * promotion to name on the cart line and its percent off, or a blocked step with Microsoft's reasons.
 */
function promotionOf(
  ctx: CustomerContext,
  want: DesiredSubscription,
): {
  after?: { promotionId: string; promotionDiscount: number };
  blocked?: { code: ErrorCode; message: string; hint: string };
} {
  const verdict = want.promotion === undefined ? undefined : ctx.actual?.promotions?.[want.name];
  if (verdict === undefined) return {};
  if (verdict.eligible) return { after: { promotionId: verdict.promotionId, promotionDiscount: verdict.discount } };
  // auto asks for the best promotion there is: with none the customer can have, it buys at the full price
  if (want.promotion === "auto") return {};
  const named = verdict.promotionId === undefined ? "no promotion" : `promotion ${verdict.promotionId}`;
  return {
    blocked: {
      code: "plan.promotion_ineligible",
      message: `the customer is not eligible for ${named} on ${want.offer} (${want.term}, ${want.billing}, ${want.quantity} seats); Partner Center says: ${verdict.reasons.join("; ") || "no reason given"}`,
      hint: "change the quantity, term or billing the promotion requires, use promotion: auto, or remove promotion: to buy at the full price",
    },
  };
}

function trialNotAvailable(offer: string, owned: ActualSubscription): StepProblem {
  return {
    code: "plan.trial_not_available",
    message: `the customer already ${owned.isTrial ? "had a trial" : "owns a subscription"} of ${offer} (${owned.id}, ${owned.status}); NCE allows one free trial per offer per customer, and none once the offer is owned (NCE-RULES R-TRI-5)`,
    hint: "remove trial: and buy the offer, or declare the existing subscription instead",
  };
}

function windowClosed(action: string, have: ActualSubscription): StepProblem {
  return {
    code: "plan.cancel_outside_window",
    message: `${action} is only possible within the 7-day window after purchase or renewal (NCE-RULES R-CAN-1); Partner Center no longer offers it${have.cancellationAllowedUntil ? ` (it ended ${have.cancellationAllowedUntil})` : ""}`,
    hint: `set autoRenew: false so the subscription ends with its term${have.termEndDate ? ` on ${have.termEndDate.slice(0, 10)}` : ""}`,
  };
}

function describeDesired(want: DesiredSubscription): Record<string, unknown> {
  return compact({
    offer: want.offer,
    term: want.term,
    billing: want.billing,
    quantity: want.quantity,
    autoRenew: want.autoRenew,
    friendlyName: want.friendlyName,
    poNumber: want.poNumber,
    state: want.state,
    trial: want.trial ? want.trial.convert : undefined,
    addonOf: want.addonOf,
  });
}

/** Ids (and pending orders) of every subscription of `offer`, whatever its status, as the plan saw them. */
function sameOffer(actual: readonly ActualSubscription[], offer: string): string[] {
  return actual
    .filter((s) => s.offerId.toLowerCase() === offer.toLowerCase())
    .flatMap((s) => [s.id, ...(s.orderId ? [`order:${s.orderId}`] : [])]);
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
