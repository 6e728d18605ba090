// An NCE subscription of a customer; an add-on is a Subscription with a `base`.
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "./provider-for.js";
import { COMMON_OUTPUTS, type SubscriptionArgs } from "./resource-args.js";

const subscriptionProvider = providerFor("subscription");

export class Subscription extends pulumi.dynamic.Resource {
  declare public readonly subscriptionId: pulumi.Output<string | null>;
  declare public readonly customerId: pulumi.Output<string>;
  declare public readonly offerId: pulumi.Output<string>;
  declare public readonly quantity: pulumi.Output<number>;
  declare public readonly autoRenew: pulumi.Output<boolean>;
  /** Partner Center's status: active, suspended, pending, expired, disabled or deleted. */
  declare public readonly partnerCenterStatus: pulumi.Output<string>;
  declare public readonly termEndDate: pulumi.Output<string | null>;
  declare public readonly address: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;

  constructor(name: string, args: SubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      subscriptionProvider,
      name,
      {
        ...args,
        ...COMMON_OUTPUTS,
        subscriptionId: undefined,
        customerId: undefined,
        offerId: undefined,
        quantity: undefined,
        autoRenew: undefined,
        partnerCenterStatus: undefined,
        isTrial: undefined,
        termEndDate: undefined,
        parentSubscriptionId: undefined,
      },
      opts,
      "cspctl",
      "Subscription",
    );
  }
}
