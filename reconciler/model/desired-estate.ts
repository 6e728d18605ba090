// The typed result of loading an estate: the generated schema types with defaults applied, each node
// knowing its stable address and where in the YAML it was written.
import type { SensitiveValues } from "../../core/sensitive-values.js";
import type { SourceSpan } from "./diagnostic.js";
import type {
  Addon,
  Approval,
  PriceRule,
  Billing,
  Company,
  Contacts,
  IgnoreRule,
  License,
  Renewal,
  SalesRep,
  Subscription,
  Tenant,
  TrialConversion,
  User,
} from "./estate.generated.js";

/** Every addressable node remembers its address and the YAML node it came from (a profile's, if merged in). */
export interface Located {
  address: string;
  source: SourceSpan;
}

export type DesiredCompany = Company & Required<Pick<Company, "culture" | "language" | "qualification">>;

export interface DesiredTrial {
  convert: "auto" | "never" | "now";
  /** With convert auto: the scheduled conversion's terms (defaults: 25 seats, P1Y, monthly — R-TRI-3). */
  convertTo?: Required<TrialConversion>;
}

export interface DesiredSubscription extends Located {
  name: string;
  offer: string;
  term: Subscription["term"];
  billing: Subscription["billing"];
  quantity: number;
  autoRenew: boolean;
  state: NonNullable<Subscription["state"]>;
  friendlyName?: string;
  poNumber?: string;
  /** A promotion id or `auto` (the best the customer is eligible for), checked at plan time. */
  promotion?: string;
  renewal?: Renewal;
  trial?: DesiredTrial;
  /** For an add-on: the name of its base subscription. */
  addonOf?: string;
  /** Add-ons keep their own entries in `DesiredCustomer.subscriptions`; this lists their names. */
  addons: string[];
}

export type DesiredPassword =
  | { source: "generate" }
  /** `value` is not enumerable, so JSON output and logs never carry it. */
  | { source: "env"; variable: string; readonly value?: string };

export interface DesiredLicense extends Located {
  subscription?: string;
  sku?: string;
  disabledPlans: string[];
}

export interface DesiredUser extends Located {
  userPrincipalName: User["userPrincipalName"];
  firstName: string;
  lastName: string;
  displayName: string;
  usageLocation?: User["usageLocation"];
  enabled: boolean;
  password: DesiredPassword;
  licenses: DesiredLicense[];
}

export interface DesiredPolicy {
  prune: { users: boolean; licenses: boolean; subscriptions: boolean };
  protect: boolean;
  mode: "enforce" | "observe";
  ignore: IgnoreRule[];
  /** Spend thresholds (docs/money.md); a step over one needs --approve-spend. */
  approval?: Approval;
}

/** One layer of resale prices: a customer's own, or a PriceList's. Earlier layers win. */
export interface PriceLayer {
  /** `customer` or `priceList:<name>`. */
  from: string;
  /** The currency fixed prices are written in (a PriceList's; a customer's is `DesiredPricing.currency`). */
  currency?: string;
  markup?: number;
  prices: PriceRule[];
}

/** How a customer is charged (docs/money.md): its currency and resale price layers, customer first. */
export interface DesiredPricing {
  currency?: string;
  layers: PriceLayer[];
}

export interface DesiredCustomer extends Located {
  name: string;
  labels: Record<string, string>;
  /** The profiles merged into this customer, expanded and in merge order. */
  profiles: string[];
  company: DesiredCompany;
  tenant: Tenant;
  resellerOfRecord?: string;
  billing?: Billing;
  contacts?: Contacts;
  salesReps: SalesRep[];
  /** Base subscriptions and add-ons, in declaration order (an add-on follows its base). */
  subscriptions: DesiredSubscription[];
  users: DesiredUser[];
  policy: DesiredPolicy;
  /** Absent when neither the customer, its profiles nor a `default` PriceList says anything about prices. */
  pricing?: DesiredPricing;
  /** access.gdap with roles resolved to Entra role template ids (lower case) and defaults applied. */
  gdap?: DesiredGdap;
  /** access.consents, when it lists any (docs/gdap-and-consent.md). */
  consents?: DesiredConsent[];
}

/** An application consent as declared: ids in lower case, the resource defaulted to Microsoft Graph. */
export interface DesiredConsent {
  applicationId: string;
  displayName?: string;
  /** The application id of the API the scopes belong to. */
  resource: string;
  /** Delegated permissions, sorted. */
  scopes: string[];
  state: "granted" | "revoked";
}

/** A GDAP relationship as declared, roles as template ids (docs/gdap-and-consent.md). */
export interface DesiredGdap {
  displayName: string;
  roles: string[];
  duration: string;
  autoExtend: boolean;
  accessAssignments: { group: string; roles: string[] }[];
}

export interface DesiredProfile extends Located {
  name: string;
  labels: Record<string, string>;
}

export interface DesiredEstate {
  customers: DesiredCustomer[];
  profiles: DesiredProfile[];
  /** The files read, relative to the working directory, in reading order. */
  files: string[];
  /**
   * Where an address (and optionally a field path below it, e.g. `quantity`, `trial.convert`,
   * `subscriptions[business-premium].quantity`, `licenses[0].disabledPlans`) was written.
   */
  locate(address: string, fieldPath?: string): SourceSpan | undefined;
  /** Values read from `${env:}` outside safe-to-show fields, and passwords: outputs show `${env:NAME}` instead. */
  sensitive?: SensitiveValues;
}

export type { Addon, Approval, License, PriceRule };
