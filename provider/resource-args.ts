// Pulumi argument types: the resource inputs of reconciler/pulumi, each field a pulumi.Input.
import type * as pulumi from "@pulumi/pulumi";
import type {
  CustomerInputs,
  LicenseAssignmentInputs,
  SubscriptionInputs,
  UserInputs,
} from "../reconciler/pulumi/resource-inputs.js";

type Args<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export type CustomerArgs = Args<CustomerInputs>;
export type SubscriptionArgs = Args<SubscriptionInputs>;
export type UserArgs = Args<UserInputs>;
export type LicenseAssignmentArgs = Args<LicenseAssignmentInputs>;

/** Output names every resource declares (filled by the provider). */
export const COMMON_OUTPUTS = {
  outputVersion: undefined,
  address: undefined,
  status: undefined,
  statusReason: undefined,
} as const;
