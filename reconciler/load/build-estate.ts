// Turns merged, checked customers into the typed DesiredEstate: defaults applied, addresses assigned,
// every node remembering where it was written.
import type { SourceSpan } from "../model/diagnostic.js";
import {
  customerAddress,
  licenseAddressUnder,
  profileAddress,
  subscriptionAddress,
  userAddress,
} from "../model/address.js";
import type {
  DesiredCustomer,
  DesiredEstate,
  DesiredConsent,
  DesiredGdap,
  DesiredLicense,
  DesiredPassword,
  DesiredPricing,
  DesiredProfile,
  DesiredSubscription,
  DesiredUser,
} from "../model/desired-estate.js";
import type { ApplicationConsent, CustomerSpec, Gdap, Subscription, User } from "../model/estate.generated.js";
import { MICROSOFT_GRAPH_APP_ID } from "../../client/partner-center/application-consents.js";
import { roleTemplateId } from "../../core/entra-roles.js";
import type { MergedCustomer } from "./checks/context.js";
import type { NamedDocument } from "./checks/duplicates.js";
import { priceListOf, type PriceListDocument } from "./checks/pricing-rules.js";
import { defaultCulture } from "./culture.js";
import type { EnvSource } from "./env-substitution.js";
import { wholeReference } from "./env-substitution.js";
import { estateLocator } from "./estate-locator.js";
import { type SourceIndex, toSpan } from "./source-index.js";
import { SensitiveValues } from "../../core/sensitive-values.js";

export interface BuildInput {
  customers: readonly MergedCustomer[];
  profiles: readonly NamedDocument[];
  priceLists?: ReadonlyMap<string, PriceListDocument>;
  files: string[];
  index: SourceIndex;
  env: EnvSource;
  sensitive?: SensitiveValues;
}

export function buildEstate(input: BuildInput): DesiredEstate {
  const { index } = input;
  const specs = new Map<string, CustomerSpec>();
  const profileSpecs = new Map<string, object>();
  const spanOf = (node: object, fallback: () => SourceSpan): SourceSpan => index.ownSpan(node) ?? fallback();

  const customers = input.customers.map((customer): DesiredCustomer => {
    const { spec, metadata } = customer;
    const address = customerAddress(metadata.name);
    // positions are looked up when first read (a drift source, a report): loading needs none
    let located: SourceSpan | undefined;
    const source = (): SourceSpan => (located ??= index.spanOf(metadata, "name") ?? toSpan(customer.document.range));
    /** Where a node of this customer was written (the customer's name when it has no position of its own). */
    const sourceOf = (node: object): SourceSpan => spanOf(node, source);
    specs.set(metadata.name, spec);
    const culture = spec.company.culture ?? defaultCulture(spec.company.country);
    const subscriptions: DesiredSubscription[] = [];
    const addSubscription = (subscription: Subscription, addonOf?: string): void => {
      const subAddress = subscriptionAddress(metadata.name, subscription.name);
      subscriptions.push(toSubscription(subscription, subAddress, sourceOf, addonOf));
      for (const addon of subscription.addons ?? []) addSubscription(addon as Subscription, subscription.name);
    };
    for (const subscription of spec.subscriptions ?? []) addSubscription(subscription);
    const users = (spec.users ?? []).map((user) => {
      const userAddr = userAddress(metadata.name, user.userPrincipalName);
      return toUser(user, userAddr, sourceOf, input.env);
    });
    const policy = spec.policy ?? {};
    return {
      name: metadata.name,
      address,
      get source() {
        return source();
      },
      labels: { ...(metadata.labels ?? {}) },
      profiles: customer.profiles,
      company: {
        ...spec.company,
        culture,
        language: spec.company.language ?? culture.split("-")[0]!,
        qualification: spec.company.qualification ?? "commercial",
      },
      tenant: spec.tenant,
      ...(spec.resellerOfRecord === undefined ? {} : { resellerOfRecord: spec.resellerOfRecord }),
      ...(spec.billing === undefined ? {} : { billing: spec.billing }),
      ...(spec.contacts === undefined ? {} : { contacts: spec.contacts }),
      salesReps: spec.salesReps ?? [],
      ...(spec.access?.gdap === undefined ? {} : { gdap: toGdap(spec.access.gdap) }),
      ...(spec.access?.consents?.length ? { consents: spec.access.consents.map(toConsent) } : {}),
      subscriptions,
      users,
      policy: {
        prune: {
          users: policy.prune?.users ?? false,
          licenses: policy.prune?.licenses ?? false,
          subscriptions: policy.prune?.subscriptions ?? false,
        },
        protect: policy.protect ?? true,
        mode: policy.mode ?? "enforce",
        ignore: policy.ignore ?? [],
        ...(policy.approval === undefined ? {} : { approval: policy.approval }),
      },
      ...pricingOf(spec, input.priceLists),
    };
  });

  const profiles = input.profiles.map((profile): DesiredProfile => {
    const address = profileAddress(profile.name);
    const metadata = profile.metadata as { labels?: Record<string, string> };
    const spec = (profile.document.data as { spec: object }).spec;
    profileSpecs.set(address, spec);
    let located: SourceSpan | undefined;
    return {
      name: profile.name,
      address,
      get source() {
        return (located ??= index.spanOf(profile.metadata, "name") ?? toSpan(profile.document.range));
      },
      labels: { ...(metadata.labels ?? {}) },
    };
  });

  return {
    customers,
    profiles,
    files: input.files,
    locate: estateLocator({ customers: specs, profiles: profileSpecs, index }),
    sensitive: input.sensitive ?? new SensitiveValues(),
  };
}

function pricingOf(
  spec: CustomerSpec,
  lists: ReadonlyMap<string, PriceListDocument> | undefined,
): { pricing?: DesiredPricing } {
  const own = spec.pricing;
  const list = lists === undefined ? undefined : priceListOf(own, lists);
  if (own === undefined && list === undefined) return {};
  const layers: DesiredPricing["layers"] = [];
  if (own !== undefined && (own.markup !== undefined || (own.prices ?? []).length > 0))
    layers.push({
      from: "customer",
      ...(own.markup === undefined ? {} : { markup: own.markup }),
      prices: own.prices ?? [],
    });
  if (list !== undefined)
    layers.push({
      from: `priceList:${list.name}`,
      currency: list.spec.currency,
      ...(list.spec.markup === undefined ? {} : { markup: list.spec.markup }),
      prices: list.spec.prices ?? [],
    });
  const currency = own?.currency ?? list?.spec.currency;
  return { pricing: { ...(currency === undefined ? {} : { currency }), layers } };
}

function toSubscription(
  subscription: Subscription,
  address: string,
  sourceOf: (node: object) => SourceSpan,
  addonOf: string | undefined,
): DesiredSubscription {
  const trial = subscription.trial;
  let located: SourceSpan | undefined;
  const desired: DesiredSubscription = {
    address,
    get source() {
      return (located ??= sourceOf(subscription));
    },
    name: subscription.name,
    offer: subscription.offer,
    term: subscription.term,
    billing: subscription.billing,
    quantity: subscription.quantity,
    // a trial that must not convert starts with auto-renew off (R-TRI-3)
    autoRenew: subscription.autoRenew ?? trial?.convert !== "never",
    state: subscription.state ?? "active",
    addons: (subscription.addons ?? []).map((a) => a.name),
  };
  if (subscription.friendlyName !== undefined) desired.friendlyName = subscription.friendlyName;
  if (subscription.poNumber !== undefined) desired.poNumber = subscription.poNumber;
  if (subscription.promotion !== undefined) desired.promotion = subscription.promotion;
  if (subscription.renewal !== undefined) desired.renewal = subscription.renewal;
  if (addonOf !== undefined) desired.addonOf = addonOf;
  if (trial !== undefined) {
    desired.trial = { convert: trial.convert };
    if (trial.convert === "auto")
      desired.trial.convertTo = { quantity: 25, term: "P1Y", billing: "monthly", ...trial.convertTo };
  }
  return desired;
}

function toUser(user: User, address: string, sourceOf: (node: object) => SourceSpan, env: EnvSource): DesiredUser {
  const licenses = (user.licenses ?? []).map((license): DesiredLicense => {
    let located: SourceSpan | undefined;
    const desired: DesiredLicense = {
      address: licenseAddressUnder(address, license),
      get source() {
        return (located ??= sourceOf(license));
      },
      disabledPlans: license.disabledPlans ?? [],
    };
    if (license.subscription !== undefined) desired.subscription = license.subscription;
    if (license.sku !== undefined) desired.sku = license.sku;
    return desired;
  });
  let located: SourceSpan | undefined;
  const desired: DesiredUser = {
    address,
    get source() {
      return (located ??= sourceOf(user));
    },
    userPrincipalName: user.userPrincipalName,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: user.displayName ?? [user.firstName, " ", user.lastName].join(""), // join: one flat string, not a concatenation tree
    enabled: user.enabled ?? true,
    password: toPassword(user.password, env),
    licenses,
  };
  if (user.usageLocation !== undefined) desired.usageLocation = user.usageLocation;
  return desired;
}

function toPassword(password: string | undefined, env: EnvSource): DesiredPassword {
  const variable = password === undefined ? undefined : wholeReference(password);
  if (variable === undefined) return { source: "generate" };
  const secret: DesiredPassword = { source: "env", variable };
  Object.defineProperty(secret, "value", { value: env[variable], enumerable: false });
  return secret;
}

/** Ids in lower case, the resource defaulted to Microsoft Graph, scopes as declared (sorted, without repeats). */
function toConsent(consent: ApplicationConsent): DesiredConsent {
  return {
    applicationId: consent.applicationId.toLowerCase(),
    ...(consent.displayName === undefined ? {} : { displayName: consent.displayName }),
    resource: (consent.resource ?? MICROSOFT_GRAPH_APP_ID).toLowerCase(),
    scopes: [...new Set(consent.scopes)].sort(),
    state: consent.state ?? "granted",
  };
}

/** Role names resolved to template ids (validation refused unknown ones), defaults applied. */
function toGdap(gdap: Gdap): DesiredGdap {
  const ids = (roles: readonly string[]) => [...new Set(roles.map((r) => roleTemplateId(r) ?? r.toLowerCase()))].sort();
  return {
    displayName: gdap.displayName,
    roles: ids(gdap.roles),
    duration: gdap.duration ?? "P730D",
    autoExtend: gdap.autoExtend ?? false,
    accessAssignments: (gdap.accessAssignments ?? []).map((a) => ({
      group: a.group.toLowerCase(),
      roles: ids(a.roles),
    })),
  };
}
