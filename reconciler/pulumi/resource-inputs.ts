// The inputs and outputs of cspctl's Pulumi resources: the estate schema's own shapes (the same keys
// a YAML Customer document uses), so one validator serves both. Outputs are plain JSON and carry a
// version, so state written by older provider code still loads.
import type {
  Billing,
  Company,
  Contacts,
  License,
  Policy,
  SalesRep,
  Subscription,
  Tenant,
  User,
} from "../model/estate.generated.js";

export const RESOURCE_OUTPUT_VERSION = 1;

/** The sentinel the engine sends for values that are not known yet (preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CustomerInputs {
  /** metadata.name: the customer's key in addresses (`customer:<name>`). */
  name: string;
  labels?: Record<string, string>;
  company: Company;
  tenant: Tenant;
  resellerOfRecord?: string;
  billing?: Billing;
  contacts?: Contacts;
  salesReps?: SalesRep[];
  policy?: Policy;
}

export type SubscriptionSpec = Omit<Subscription, "addons">;
export type UserSpec = Omit<User, "licenses">;

export interface SubscriptionInputs {
  customer: CustomerInputs;
  subscription: SubscriptionSpec;
  /** For an add-on: its base subscription (add-ons are Subscriptions with a base). */
  base?: SubscriptionSpec;
}

export interface UserInputs {
  customer: CustomerInputs;
  user: UserSpec;
}

export interface LicenseAssignmentInputs {
  customer: CustomerInputs;
  user: UserSpec;
  license: License;
  /** The subscription the licence names (license.subscription), and its base when it is an add-on. */
  subscription?: SubscriptionSpec;
  base?: SubscriptionSpec;
}

/**
 * "exists": the object is in Partner Center. "waiting" (invitation not accepted), "observed"
 * (policy.mode observe) and "absent" (declared cancelled): declared, and rightly not there (see reason).
 */
export type ResourceStatus = "exists" | "waiting" | "observed" | "absent";

export type ResourceKind = "customer" | "subscription" | "user" | "licenseAssignment";

export type Inputs = Record<string, unknown>;
export type Outputs = Record<string, unknown>;

export interface CheckFailure {
  property: string;
  reason: string;
}
