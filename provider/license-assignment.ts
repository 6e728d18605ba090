// One licence of one user: a subscription's licence SKU, or a multi-channel SKU by part number.
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "./provider-for.js";
import { COMMON_OUTPUTS, type LicenseAssignmentArgs } from "./resource-args.js";

const licenseAssignmentProvider = providerFor("licenseAssignment");

export class LicenseAssignment extends pulumi.dynamic.Resource {
  declare public readonly userId: pulumi.Output<string | null>;
  declare public readonly skuId: pulumi.Output<string | null>;
  declare public readonly customerId: pulumi.Output<string>;
  declare public readonly disabledPlanIds: pulumi.Output<string[]>;
  declare public readonly address: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;

  constructor(name: string, args: LicenseAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      licenseAssignmentProvider,
      name,
      {
        ...args,
        ...COMMON_OUTPUTS,
        userId: undefined,
        skuId: undefined,
        customerId: undefined,
        disabledPlanIds: undefined,
      },
      opts,
      "cspctl",
      "LicenseAssignment",
    );
  }
}
