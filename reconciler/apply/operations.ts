// One operation per plan action: the only place apply talks to the client. Each write goes through
// the client's idempotency layer (one MS-RequestId per logical write, reused on retries), and each
// operation returns what it learnt (ids of created objects) for the customer's later steps.
import { PartnerCenterError, registerSecret, type CspClient } from "../../client/index.js";
import { CspctlError } from "../../core/errors.js";
import type { DesiredSubscription, DesiredUser } from "../model/desired-estate.js";
import type { PlanStep } from "../plan/plan.js";
import { generatePassword } from "./passwords.js";
import { pickAvailability } from "../../client/partner-center/orders.js";
import type { SubscriptionChange } from "../../client/types.js";
import { checkLicenses, ReadbackMismatchError, subscriptionDifferences } from "./readback.js";
import { duplicatesAfterPurchase, refuseIfBoughtSincePlan } from "./purchase-guard.js";
import type { ActualAddress } from "../read/actual-estate.js";
import { assignGdap, createGdapRelationship, updateGdapRelationship } from "./gdap-operations.js";
import { customerId, type Operation, type OperationContext } from "./operation-context.js";

const subscriptionName = (address: string): string => address.split("/subscription:")[1]!.split("/")[0]!;
const userUpn = (address: string): string => address.split("/user:")[1]!.split("/")[0]!;

function subscriptionId(step: PlanStep, ctx: OperationContext): string {
  const id = step.target.subscriptionId ?? ctx.state.subscriptionIds.get(subscriptionName(step.address));
  if (id === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      address: step.address,
      message: "the subscription does not exist yet",
      hint: "its create-subscription step must succeed first",
    });
  return id;
}

function userId(step: PlanStep, ctx: OperationContext): string {
  const id = step.target.userId ?? ctx.state.userIds.get(userUpn(step.address));
  if (id === undefined)
    throw new CspctlError({
      code: "apply.missing_dependency",
      address: step.address,
      message: "the user does not exist yet",
      hint: "its create-user step must succeed first",
    });
  return id;
}

function desiredSubscription(step: PlanStep, ctx: OperationContext): DesiredSubscription {
  const name = subscriptionName(step.address);
  const found = ctx.state.desired.subscriptions.find((s) => s.name === name);
  if (!found)
    throw new CspctlError({
      code: "apply.plan_mismatch",
      address: step.address,
      message: `the plan names subscription ${name}, which the estate does not declare`,
      hint: "make the plan again from the current estate",
    });
  return found;
}

function desiredUser(step: PlanStep, ctx: OperationContext): DesiredUser {
  const upn = userUpn(step.address);
  const found = ctx.state.desired.users.find((u) => u.userPrincipalName.toLowerCase() === upn);
  if (!found)
    throw new CspctlError({
      code: "apply.plan_mismatch",
      address: step.address,
      message: `the plan names user ${upn}, which the estate does not declare`,
      hint: "make the plan again from the current estate",
    });
  return found;
}

const createCustomer: Operation = async (_step, ctx) => {
  const { desired } = ctx.state;
  const billing = desired.billing!;
  const created = await ctx.client.partnerCenter.customers.create({
    domain: desired.company.domain,
    companyName: desired.company.name,
    billing: {
      email: billing.email,
      firstName: billing.firstName,
      lastName: billing.lastName,
      culture: desired.company.culture,
      language: desired.company.language,
      companyName: desired.company.name,
      address: {
        country: billing.address.country,
        city: billing.address.city,
        ...(billing.address.state ? { state: billing.address.state } : {}),
        addressLine1: billing.address.line1,
        ...(billing.address.line2 ? { addressLine2: billing.address.line2 } : {}),
        postalCode: billing.address.postalCode,
        firstName: billing.firstName,
        lastName: billing.lastName,
        ...(billing.phone ? { phoneNumber: billing.phone } : {}),
      },
    },
    ...(desired.resellerOfRecord ? { associatedPartnerId: desired.resellerOfRecord } : {}),
  });
  ctx.state.customerId = created.id;
  ctx.state.freshTenant = true;
  if (created.adminCredentials) registerSecret(created.adminCredentials.password);
  if (created.adminCredentials)
    ctx.credentials.record({
      address: desired.address,
      userName: created.adminCredentials.userName,
      password: created.adminCredentials.password,
    });
  return { customerId: created.id };
};

const sendInvitation: Operation = async (_step, ctx) => ({
  invitationUrl: await ctx.client.partnerCenter.customers.relationshipRequestUrl(),
});

const updateCustomer: Operation = async (step, ctx) => {
  const id = customerId(ctx);
  if (step.reason === "qualification_missing") {
    const after = step.after ?? {};
    const text = (name: string) => (typeof after[name] === "string" ? { [name]: after[name] as string } : {});
    await ctx.client.partnerCenter.customers.addQualification(id, {
      qualification: String(after.qualification),
      ...(after.qualification === "Education" ? { educationSegment: "K12" } : {}),
      ...text("educationSegment"),
      ...text("validationCode"),
    });
    return;
  }
  // Only the fields the plan shows: one that policy.ignore accepts is never in step.after, and never written.
  const after = step.after ?? {};
  const field = (name: string): string | undefined =>
    typeof after[name] === "string" ? (after[name] as string) : undefined;
  const [email, firstName, lastName, phone] = [field("email"), field("firstName"), field("lastName"), field("phone")];
  const declared =
    typeof after.address === "object" && after.address !== null ? (after.address as PostalAddress) : undefined;
  // Partner Center's PUT replaces the whole profile: what is read is merged with what changed, and a
  // declared address replaces every address line (a linked tenant's profile may hold only a country).
  const current = await ctx.client.partnerCenter.customers.getBillingProfile(id);
  const written = await ctx.client.partnerCenter.customers.updateBillingProfile(id, {
    ...current,
    ...(email === undefined ? {} : { email }),
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    address: {
      ...current.address,
      ...(declared === undefined ? {} : addressToProfile(declared)),
      ...(phone === undefined ? {} : { phoneNumber: phone }),
    },
  });
  const differences = [
    ["email", email?.toLowerCase(), written.email.toLowerCase()],
    ["firstName", firstName, written.firstName],
    ["lastName", lastName, written.lastName],
    [
      "address",
      declared && JSON.stringify(addressToProfile(declared)),
      declared && JSON.stringify(addressToProfile(fromProfile(written.address))),
    ],
  ]
    .filter(([, wanted, read]) => wanted !== undefined && wanted !== read)
    .map(([name, wanted, read]) => `${name}: wanted ${JSON.stringify(wanted)}, read ${JSON.stringify(read)}`);
  if (differences.length > 0) throw new ReadbackMismatchError(step.address, differences);
};

/** The estate's postal address (line1, …), as the plan step carries it. */
type PostalAddress = ActualAddress;

/** Every address line, present or not, so that a line the estate drops is cleared too. */
function addressToProfile(a: PostalAddress) {
  return {
    country: a.country,
    city: a.city,
    state: a.state,
    addressLine1: a.line1,
    addressLine2: a.line2,
    postalCode: a.postalCode,
  };
}

function fromProfile(a: {
  country: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  addressLine2?: string;
  postalCode?: string;
}): PostalAddress {
  return {
    country: a.country,
    city: a.city,
    state: a.state,
    line1: a.addressLine1,
    line2: a.addressLine2,
    postalCode: a.postalCode,
  };
}

const createSubscription: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const [productId, skuId] = want.offer.split(":") as [string, string];
  const trial = want.trial !== undefined;
  // A retry of this step (a fresh tenant's 404) must never buy again what an earlier attempt bought.
  let id = ctx.state.subscriptionIds.get(want.name);
  let orderIds: string[] = [];
  if (id === undefined) {
    const offerKey = want.offer.toLowerCase();
    const checkedOut = (ctx.state.checkedOut ??= new Map());
    await refuseIfBoughtSincePlan(ctx.client, customerId(ctx), step, want.offer, checkedOut.get(offerKey) ?? 0);
    let purchase: Awaited<ReturnType<CspClient["partnerCenter"]["orders"]["purchase"]>>;
    try {
      purchase = await ctx.client.partnerCenter.orders.purchase(
        customerId(ctx),
        [
          {
            productId,
            skuId,
            quantity: trial ? 25 : want.quantity,
            termDuration: trial ? "P1M" : want.term,
            billingCycle: trial ? "none" : want.billing,
            ...(want.friendlyName ? { friendlyName: want.friendlyName } : {}),
            ...promotionFor(step, want),
          },
        ],
        { country: ctx.state.desired.company.country },
      );
    } catch (error) {
      // Checkout answered, so the order exists and will be invoiced; only provisioning is slow. This
      // is "submitted, pending", not a failure: the next run reads the pending order and never buys again.
      if (error instanceof CspctlError && error.code === "client.operation_timeout") {
        checkedOut.set(offerKey, (checkedOut.get(offerKey) ?? 0) + 1);
        return { provisioning: "pending", note: error.message };
      }
      throw error;
    }
    checkedOut.set(offerKey, (checkedOut.get(offerKey) ?? 0) + 1);
    id = purchase.subscriptionIds[0];
    if (id === undefined)
      throw new CspctlError({
        code: "apply.purchase_incomplete",
        address: step.address,
        message: "the order completed without a subscription id",
        hint: "run apply again: it re-reads Partner Center before buying",
      });
    ctx.state.subscriptionIds.set(want.name, id);
    orderIds = purchase.orders.map((o) => o.id);
    const duplicates = await duplicatesAfterPurchase(
      ctx.client,
      customerId(ctx),
      step,
      want.offer,
      ctx.state.purchasesPlanned?.get(offerKey) ?? 1,
    );
    if (duplicates.length > 0) (ctx.state.duplicates ??= []).push(...duplicates);
  }
  if (want.autoRenew === false || (trial && want.trial?.convert === "never")) {
    await writeSubscription(step, ctx, id, { autoRenewEnabled: false });
  }
  return { subscriptionId: id, orderIds };
};

/** Writes a subscription change, then reads the subscription back and fails the step if it differs. */
async function writeSubscription(
  step: PlanStep,
  ctx: OperationContext,
  id: string,
  change: SubscriptionChange,
): Promise<void> {
  await ctx.client.partnerCenter.subscriptions.update(customerId(ctx), id, change);
  const differences = subscriptionDifferences(
    change,
    await ctx.client.partnerCenter.subscriptions.get(customerId(ctx), id),
  );
  if (differences.length > 0) throw new ReadbackMismatchError(step.address, differences);
}

const updateSubscription =
  (change: (step: PlanStep, ctx: OperationContext) => SubscriptionChange): Operation =>
  async (step, ctx) => {
    await writeSubscription(step, ctx, subscriptionId(step, ctx), change(step, ctx));
  };

/** The availability for `term` and `billing`, chosen the way a purchase chooses it (client pickAvailability). */
async function availabilityFor(step: PlanStep, ctx: OperationContext, offer: string, term: string, billing: string) {
  const [productId, skuId] = offer.split(":") as [string, string];
  const availabilities = await ctx.client.partnerCenter.catalog.listAvailabilities(productId, skuId, {
    country: ctx.state.desired.company.country,
  });
  try {
    return {
      productId,
      skuId,
      availability: pickAvailability(availabilities, {
        productId,
        skuId,
        termDuration: term,
        billingCycle: billing,
        quantity: 1,
      }),
    };
  } catch (cause) {
    throw new CspctlError({
      code: "apply.no_availability",
      address: step.address,
      message: `no availability of ${offer} offers a ${term} term billed ${billing}`,
      hint: "check the term and billing against the catalog",
      cause,
    });
  }
}

const scheduleRenewal: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const id = subscriptionId(step, ctx);
  // A running trial's scheduled change is its conversion (R-TRI-3); otherwise the declared renewal.
  const next: { quantity?: number; term?: string; billing?: string; offer?: string } | undefined =
    step.reason === "trial_conversion_scheduled" ? want.trial?.convertTo : want.renewal;
  if (!next) {
    await writeSubscription(step, ctx, id, { scheduledNextTerm: null });
    return;
  }
  const term = next.term ?? want.term;
  const billing = next.billing ?? want.billing;
  const { productId, skuId, availability } = await availabilityFor(step, ctx, next.offer ?? want.offer, term, billing);
  await writeSubscription(step, ctx, id, {
    scheduledNextTerm: {
      productId,
      skuId,
      availabilityId: availability.id,
      billingCycle: billing,
      termDuration: term,
      quantity: next.quantity ?? want.quantity,
    },
  });
};

const convertTrial: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const { availability } = await availabilityFor(step, ctx, want.offer, want.term, want.billing);
  await ctx.client.partnerCenter.subscriptions.transition(customerId(ctx), subscriptionId(step, ctx), {
    toCatalogItemId: availability.catalogItemId,
    quantity: Math.max(25, want.quantity),
    transitionType: "transition_only",
    termDuration: want.term,
    billingCycle: want.billing,
  });
};

const createUser: Operation = async (step, ctx) => {
  const want = desiredUser(step, ctx);
  const generated = want.password.source === "generate";
  const password = want.password.source === "generate" ? generatePassword() : want.password.value;
  if (password !== undefined) registerSecret(password); // never in a log line or an error from here on
  if (password === undefined)
    throw new CspctlError({
      code: "apply.password_unavailable",
      address: step.address,
      message: "the user's password variable is not set",
      hint: "set the environment variable named in the estate, or use password: generate",
    });
  // Written before the create: if the run dies after Partner Center accepted it, the password is not lost.
  if (generated)
    ctx.credentials.record({ address: want.address, userName: want.userPrincipalName, password, status: "pending" });
  let user: Awaited<ReturnType<CspClient["partnerCenter"]["users"]["create"]>>;
  try {
    user = await ctx.client.partnerCenter.users.create(customerId(ctx), {
      userPrincipalName: want.userPrincipalName,
      displayName: want.displayName,
      firstName: want.firstName,
      lastName: want.lastName,
      ...(want.usageLocation ? { usageLocation: want.usageLocation } : {}),
      password,
      forceChangePassword: true,
    });
  } catch (error) {
    const conflict = error instanceof PartnerCenterError && error.status === 409;
    const restored = conflict ? await restoreDeletedUser(step, ctx, want) : undefined;
    if (restored === undefined) {
      if (generated && conflict) {
        // Lost a race (another run, or the portal, created the user since the plan): its password is not ours.
        ctx.credentials.record({
          address: want.address,
          userName: want.userPrincipalName,
          password,
          status: "superseded",
        });
        throw new CspctlError({
          code: "apply.user_exists",
          address: step.address,
          message: `user ${want.userPrincipalName} was created by someone else (another apply, or the admin center) after the plan was made; the password generated for it was never set`,
          hint: "its password is whatever its creator set (reset it in the admin center if nobody has it); run apply again to bring the user to the estate",
          cause: error,
        });
      }
      // Refused outright (e.g. a password Partner Center rejects): the generated password was never set.
      if (
        generated &&
        error instanceof PartnerCenterError &&
        !error.retryable &&
        error.status !== undefined &&
        error.status >= 400 &&
        error.status < 500
      ) {
        ctx.credentials.record({
          address: want.address,
          userName: want.userPrincipalName,
          password,
          status: "not-set",
        });
      }
      throw error;
    }
    // The restored account keeps its previous password: the generated one was never set.
    if (generated)
      ctx.credentials.record({ address: want.address, userName: want.userPrincipalName, password, status: "not-set" });
    ctx.state.userIds.set(want.userPrincipalName.toLowerCase(), restored.id);
    return { userId: restored.id, restored: true };
  }
  ctx.state.userIds.set(want.userPrincipalName.toLowerCase(), user.id);
  if (generated)
    ctx.credentials.record({ address: want.address, userName: want.userPrincipalName, password, status: "created" });
  return { userId: user.id };
};

/**
 * A user deleted in the portal stays soft-deleted for 30 days and holds its UPN, so a create answers
 * 409. The declared user is that one: restore it (state active) and set the declared profile.
 */
async function restoreDeletedUser(
  step: PlanStep,
  ctx: OperationContext,
  want: DesiredUser,
): Promise<{ id: string } | undefined> {
  const upn = want.userPrincipalName.toLowerCase();
  for await (const deleted of ctx.client.partnerCenter.users.list(customerId(ctx), { deleted: true })) {
    if (deleted.userPrincipalName.toLowerCase() !== upn) continue;
    await ctx.client.partnerCenter.users.restore(customerId(ctx), deleted.id);
    const profile = {
      displayName: want.displayName,
      firstName: want.firstName,
      lastName: want.lastName,
      ...(want.usageLocation ? { usageLocation: want.usageLocation } : {}),
    };
    const updated = await ctx.client.partnerCenter.users.update(customerId(ctx), deleted.id, profile);
    if (updated.displayName !== want.displayName)
      throw new ReadbackMismatchError(step.address, [
        `displayName: wanted ${JSON.stringify(want.displayName)}, read ${JSON.stringify(updated.displayName)}`,
      ]);
    return { id: deleted.id };
  }
  return undefined;
}

const updateUser: Operation = async (step, ctx) => {
  const after = step.after ?? {};
  const profile = Object.fromEntries(step.changedFields.filter((f) => f !== "enabled").map((f) => [f, after[f]]));
  if (Object.keys(profile).length > 0)
    await ctx.client.partnerCenter.users.update(customerId(ctx), userId(step, ctx), profile);
  // Sign-in is not a Partner Center user field; Graph's accountEnabled is.
  if (step.changedFields.includes("enabled"))
    await ctx.client.graph.users.update(customerId(ctx), userId(step, ctx), { enabled: after.enabled === true });
};

const disableUser: Operation = async (step, ctx) => {
  await ctx.client.graph.users.update(customerId(ctx), userId(step, ctx), { enabled: false });
};

// Graph's assignLicense answers with the user's default properties, without assignedLicenses: the
// read-back re-reads the user's licences with $select rather than trusting that answer.
const assign: Operation = async (step, ctx) => {
  const after = step.after ?? {};
  await ctx.client.graph.users.assignLicense(customerId(ctx), userId(step, ctx), {
    add: [{ skuId: step.target.skuId!, disabledPlans: (after.disabledPlans as string[] | undefined) ?? [] }],
    remove: [],
  });
  checkLicenses(
    step.address,
    step.target.skuId!,
    true,
    await ctx.client.graph.users.licences(customerId(ctx), userId(step, ctx)),
  );
};

const unassign: Operation = async (step, ctx) => {
  await ctx.client.graph.users.assignLicense(customerId(ctx), userId(step, ctx), {
    add: [],
    remove: [step.target.skuId!],
  });
  checkLicenses(
    step.address,
    step.target.skuId!,
    false,
    await ctx.client.graph.users.licences(customerId(ctx), userId(step, ctx)),
  );
};

export const operations: Record<PlanStep["action"], Operation> = {
  "create-customer": createCustomer,
  "send-invitation": sendInvitation,
  "update-customer": updateCustomer,
  "create-subscription": createSubscription,
  resize: updateSubscription((step) => ({ quantity: Number(step.after?.quantity) })),
  "update-subscription": updateSubscription((step) => {
    const after = step.after ?? {};
    return {
      ...("autoRenew" in after ? { autoRenewEnabled: Boolean(after.autoRenew) } : {}),
      ...("friendlyName" in after && typeof after.friendlyName === "string"
        ? { friendlyName: after.friendlyName }
        : {}),
    };
  }),
  suspend: updateSubscription(() => ({ status: "suspended" })),
  reactivate: updateSubscription(() => ({ status: "active" })),
  cancel: updateSubscription(() => ({ status: "deleted" })),
  "schedule-renewal": scheduleRenewal,
  "convert-trial": convertTrial,
  "create-user": createUser,
  "update-user": updateUser,
  "disable-user": disableUser,
  assign,
  unassign,
  "create-gdap": createGdapRelationship,
  "update-gdap": updateGdapRelationship,
  "assign-gdap": assignGdap,
};

/**
 * The promotion named on a purchase's cart line: the one the plan's eligibility check chose, else a
 * declared id (a customer created in this run could not be checked at plan time: Partner Center
 * checks the cart line). `auto` without a check names none: Partner Center applies those itself.
 */
function promotionFor(step: PlanStep, want: DesiredSubscription): { promotionId?: string } {
  if (typeof step.after?.promotionId === "string") return { promotionId: step.after.promotionId };
  if (want.promotion !== undefined && want.promotion !== "auto" && want.trial === undefined)
    return { promotionId: want.promotion };
  return {};
}
