// A user of a customer's tenant. With password "generate", the generated password is a secret output.
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "./provider-for.js";
import { COMMON_OUTPUTS, type UserArgs } from "./resource-args.js";

const userProvider = providerFor("user");

export class User extends pulumi.dynamic.Resource {
  declare public readonly userId: pulumi.Output<string | null>;
  declare public readonly customerId: pulumi.Output<string>;
  declare public readonly displayName: pulumi.Output<string>;
  declare public readonly enabled: pulumi.Output<boolean>;
  /** Set only when the provider generated the password at creation; secret. */
  declare public readonly password: pulumi.Output<string | undefined>;
  declare public readonly address: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      userProvider,
      name,
      {
        ...args,
        ...COMMON_OUTPUTS,
        userId: undefined,
        customerId: undefined,
        displayName: undefined,
        enabled: undefined,
        password: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password"] }),
      "cspctl",
      "User",
    );
  }
}
