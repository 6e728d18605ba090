// Subscriptions: reads, read-modify-write updates (with the ETag), add-ons, scheduled next-term
// changes, NCE transitions (upgrades and trial conversions) and provisioning status.
import { PartnerCenterError } from "../errors.js";
import { collect } from "../paginate.js";
import { segment, type ServiceCaller } from "../service.js";
import type {
  ScheduledNextTerm,
  Subscription,
  SubscriptionChange,
  Transition,
  TransitionEligibility,
  TransitionRequest,
} from "../types.js";
import type * as Wire from "../wire/subscription.js";
import {
  applySubscriptionChange,
  subscriptionFromWire,
  subscriptionProvisioningFromWire,
  transitionEligibilityFromWire,
  transitionFromWire,
  transitionHistoryFromWire,
  transitionRequestToWire,
  type SubscriptionProvisioning,
} from "../wire/subscription.mappers.js";
import { quoteEtag } from "./customers.js";

export function subscriptionsFacade(caller: ServiceCaller) {
  const base = (customerId: string, subscriptionId?: string): string =>
    `/customers/${segment(customerId)}/subscriptions${subscriptionId === undefined ? "" : `/${segment(subscriptionId)}`}`;

  const getWire = async (customerId: string, subscriptionId: string): Promise<Wire.Subscription> =>
    (await caller.partnerCenter("subscriptions.get", "GET", base(customerId, subscriptionId)))
      .body as Wire.Subscription;

  const satisfies = (subscription: Subscription, change: SubscriptionChange): boolean =>
    (change.quantity === undefined || subscription.quantity === change.quantity) &&
    (change.status === undefined || subscription.status === change.status) &&
    (change.friendlyName === undefined || subscription.friendlyName === change.friendlyName) &&
    (change.autoRenewEnabled === undefined || subscription.autoRenewEnabled === change.autoRenewEnabled);

  return {
    async list(customerId: string, options: { orderId?: string } = {}): Promise<Subscription[]> {
      const items = await collect(
        caller.partnerCenterItems("subscriptions.list", base(customerId), { query: { order_id: options.orderId } }),
      );
      return items.map((item) => subscriptionFromWire(item as Wire.Subscription));
    },

    async get(customerId: string, subscriptionId: string): Promise<Subscription> {
      return subscriptionFromWire(await getWire(customerId, subscriptionId));
    },

    async listAddOns(customerId: string, subscriptionId: string): Promise<Subscription[]> {
      const items = await collect(
        caller.partnerCenterItems("subscriptions.addons", `${base(customerId, subscriptionId)}/addons`),
      );
      return items.map((item) => subscriptionFromWire(item as Wire.Subscription));
    },

    /**
     * Reads the full subscription, applies `change`, and PATCHes the whole resource with its ETag.
     * A stale ETag (412 / 2055) is met by reading again once. A 202 is polled until the change shows.
     */
    async update(customerId: string, subscriptionId: string, change: SubscriptionChange): Promise<Subscription> {
      for (let attempt = 1; ; attempt++) {
        const current = await getWire(customerId, subscriptionId);
        const etag = current.attributes?.etag;
        try {
          const response = await caller.partnerCenter(
            "subscriptions.update",
            "PATCH",
            base(customerId, subscriptionId),
            {
              body: applySubscriptionChange(current, change),
              ...(etag === undefined ? {} : { headers: { "If-Match": quoteEtag(etag) } }),
            },
          );
          if (response.status !== 202 && response.body !== undefined)
            return subscriptionFromWire(response.body as Wire.Subscription);
          const location = response.headers["location"];
          return await caller.poll(`Subscription ${subscriptionId} update`, async () => {
            const latest = subscriptionFromWire(
              (location === undefined
                ? await getWire(customerId, subscriptionId)
                : (await caller.followLink("subscriptions.get", location)).body) as Wire.Subscription,
            );
            return satisfies(latest, change) ? latest : undefined;
          });
        } catch (error) {
          const stale =
            error instanceof PartnerCenterError && (error.status === 412 || String(error.serviceCode) === "2055");
          if (!stale || attempt >= 2) throw error;
        }
      }
    },

    /** Schedules (or with `null` removes) the change that applies at renewal. */
    scheduleNextTerm(
      customerId: string,
      subscriptionId: string,
      next: ScheduledNextTerm | null,
    ): Promise<Subscription> {
      return this.update(customerId, subscriptionId, { scheduledNextTerm: next });
    },

    async transitionEligibilities(
      customerId: string,
      subscriptionId: string,
      eligibilityType: "immediate" | "scheduled" = "immediate",
    ): Promise<TransitionEligibility[]> {
      const items = await collect(
        caller.partnerCenterItems(
          "subscriptions.transitionEligibilities",
          `${base(customerId, subscriptionId)}/transitionEligibilities`,
          { query: { eligibilityType } },
        ),
      );
      return items.map((item) => transitionEligibilityFromWire(item as Wire.TransitionEligibility));
    },

    /** Upgrades a subscription or converts a trial now (NCE `transitions`). */
    async transition(customerId: string, subscriptionId: string, request: TransitionRequest): Promise<Transition> {
      const response = await caller.partnerCenter(
        "subscriptions.transition",
        "POST",
        `${base(customerId, subscriptionId)}/transitions`,
        { body: transitionRequestToWire(subscriptionId, request) },
      );
      return transitionFromWire(response.body as Wire.Transition);
    },

    async listTransitions(customerId: string, subscriptionId: string): Promise<Transition[]> {
      const response = await caller.partnerCenter(
        "subscriptions.transitions.list",
        "GET",
        `${base(customerId, subscriptionId)}/transitions`,
      );
      return transitionHistoryFromWire(response.body as Wire.TransitionHistory);
    },

    async provisioningStatus(customerId: string, subscriptionId: string): Promise<SubscriptionProvisioning> {
      const response = await caller.partnerCenter(
        "subscriptions.provisioningStatus",
        "GET",
        `${base(customerId, subscriptionId)}/provisioningstatus`,
        { auth: "user" },
      );
      return subscriptionProvisioningFromWire(response.body as Wire.SubscriptionProvisioningStatus);
    },
  };
}
