// A Partner Center customer (tenant created, or linked by reseller invitation).
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "./provider-for.js";
import { COMMON_OUTPUTS, type CustomerArgs } from "./resource-args.js";

const customerProvider = providerFor("customer");

export class Customer extends pulumi.dynamic.Resource {
  /** Partner Center's customer id (the tenant id); null while waiting for an invitation or in observe mode. */
  declare public readonly customerId: pulumi.Output<string | null>;
  declare public readonly address: pulumi.Output<string>;
  /** "exists", "waiting" (invitation not accepted) or "observed" (policy.mode observe). */
  declare public readonly status: pulumi.Output<string>;
  declare public readonly statusReason: pulumi.Output<string | undefined>;
  declare public readonly invitationUrl: pulumi.Output<string | undefined>;
  declare public readonly adminUserName: pulumi.Output<string | undefined>;
  /** The new tenant's first admin password: secret, set only when the tenant was created. */
  declare public readonly adminPassword: pulumi.Output<string | undefined>;

  constructor(name: string, args: CustomerArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      customerProvider,
      name,
      {
        ...args,
        ...COMMON_OUTPUTS,
        customerId: undefined,
        invitationUrl: undefined,
        adminUserName: undefined,
        adminPassword: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["adminPassword"] }),
      "cspctl",
      "Customer",
    );
  }
}
