// One operation per plan action: the only place apply talks to the client. Each write goes through
// the client's idempotency layer (one MS-RequestId per logical write, reused on retries), and each
// operation returns what it learnt (ids of created objects) for the customer's later steps.
import { registerSecret, type CspClient } from "../../client/index.js";
import { CspctlError } from "../../core/errors.js";
import type { DesiredCustomer, DesiredSubscription, DesiredUser } from "../model/desired-estate.js";
import type { PlanStep } from "../plan/plan.js";
import type { CredentialSink } from "./credentials.js";
import { generatePassword } from "./passwords.js";

export type ApplyClient = Pick<CspClient, "partnerCenter" | "graph">;

/** What one customer's run knows so far: ids of objects created by earlier steps. */
export interface CustomerRunState {
  desired: DesiredCustomer;
  customerId: string | undefined;
  subscriptionIds: Map<string, string>;
  userIds: Map<string, string>;
}

export interface OperationContext {
  client: ApplyClient;
  state: CustomerRunState;
  credentials: CredentialSink;
}

export type Operation = (step: PlanStep, ctx: OperationContext) => Promise<Record<string, unknown> | void>;

const subscriptionName = (address: string): string => address.split("/subscription:")[1]!.split("/")[0]!;
const userUpn = (address: string): string => address.split("/user:")[1]!.split("/")[0]!;

function customerId(ctx: OperationContext): string {
  if (ctx.state.customerId === undefined) throw new CspctlError({ code: "apply.missing_dependency", message: "the customer does not exist yet", hint: "its create-customer step must succeed first" });
  return ctx.state.customerId;
}

function subscriptionId(step: PlanStep, ctx: OperationContext): string {
  const id = step.target.subscriptionId ?? ctx.state.subscriptionIds.get(subscriptionName(step.address));
  if (id === undefined) throw new CspctlError({ code: "apply.missing_dependency", address: step.address, message: "the subscription does not exist yet", hint: "its create-subscription step must succeed first" });
  return id;
}

function userId(step: PlanStep, ctx: OperationContext): string {
  const id = step.target.userId ?? ctx.state.userIds.get(userUpn(step.address));
  if (id === undefined) throw new CspctlError({ code: "apply.missing_dependency", address: step.address, message: "the user does not exist yet", hint: "its create-user step must succeed first" });
  return id;
}

function desiredSubscription(step: PlanStep, ctx: OperationContext): DesiredSubscription {
  const name = subscriptionName(step.address);
  const found = ctx.state.desired.subscriptions.find((s) => s.name === name);
  if (!found) throw new CspctlError({ code: "apply.plan_mismatch", address: step.address, message: `the plan names subscription ${name}, which the estate does not declare`, hint: "make the plan again from the current estate" });
  return found;
}

function desiredUser(step: PlanStep, ctx: OperationContext): DesiredUser {
  const upn = userUpn(step.address);
  const found = ctx.state.desired.users.find((u) => u.userPrincipalName.toLowerCase() === upn);
  if (!found) throw new CspctlError({ code: "apply.plan_mismatch", address: step.address, message: `the plan names user ${upn}, which the estate does not declare`, hint: "make the plan again from the current estate" });
  return found;
}

const createCustomer: Operation = async (_step, ctx) => {
  const { desired } = ctx.state;
  const billing = desired.billing!;
  const created = await ctx.client.partnerCenter.customers.create({
    domain: desired.company.domain,
    companyName: desired.company.name,
    billing: {
      email: billing.email, firstName: billing.firstName, lastName: billing.lastName, culture: desired.company.culture, language: desired.company.language, companyName: desired.company.name,
      address: { country: billing.address.country, city: billing.address.city, ...(billing.address.state ? { state: billing.address.state } : {}), addressLine1: billing.address.line1, ...(billing.address.line2 ? { addressLine2: billing.address.line2 } : {}), postalCode: billing.address.postalCode, firstName: billing.firstName, lastName: billing.lastName, ...(billing.phone ? { phoneNumber: billing.phone } : {}) },
    },
    ...(desired.resellerOfRecord ? { associatedPartnerId: desired.resellerOfRecord } : {}),
  });
  ctx.state.customerId = created.id;
  if (created.adminCredentials) registerSecret(created.adminCredentials.password);
  if (created.adminCredentials) ctx.credentials.record({ address: desired.address, userName: created.adminCredentials.userName, password: created.adminCredentials.password });
  return { customerId: created.id };
};

const sendInvitation: Operation = async (_step, ctx) => ({ invitationUrl: await ctx.client.partnerCenter.customers.relationshipRequestUrl() });

const updateCustomer: Operation = async (step, ctx) => {
  const id = customerId(ctx);
  if (step.reason === "qualification_missing") {
    const qualification = String(step.after?.qualification);
    await ctx.client.partnerCenter.customers.addQualification(id, { qualification, ...(qualification === "Education" ? { educationSegment: "K12" } : {}) });
    return;
  }
  const current = await ctx.client.partnerCenter.customers.getBillingProfile(id);
  const billing = ctx.state.desired.billing!;
  await ctx.client.partnerCenter.customers.updateBillingProfile(id, {
    ...current, email: billing.email, firstName: billing.firstName, lastName: billing.lastName,
    address: { ...current.address, ...(billing.phone ? { phoneNumber: billing.phone } : {}) },
  });
};

const createSubscription: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const [productId, skuId] = want.offer.split(":") as [string, string];
  const trial = want.trial !== undefined;
  const purchase = await ctx.client.partnerCenter.orders.purchase(
    customerId(ctx),
    [{ productId, skuId, quantity: trial ? 25 : want.quantity, termDuration: trial ? "P1M" : want.term, billingCycle: trial ? "none" : want.billing, ...(want.friendlyName ? { friendlyName: want.friendlyName } : {}) }],
    { country: ctx.state.desired.company.country },
  );
  const [id] = purchase.subscriptionIds;
  if (id === undefined) throw new CspctlError({ code: "apply.purchase_incomplete", address: step.address, message: "the order completed without a subscription id", hint: "run apply again: it re-reads Partner Center before buying" });
  ctx.state.subscriptionIds.set(want.name, id);
  if (want.autoRenew === false || (trial && want.trial?.convert === "never")) {
    await ctx.client.partnerCenter.subscriptions.update(customerId(ctx), id, { autoRenewEnabled: false });
  }
  return { subscriptionId: id, orderIds: purchase.orders.map((o) => o.id) };
};

const updateSubscription = (change: (step: PlanStep, ctx: OperationContext) => Parameters<ApplyClient["partnerCenter"]["subscriptions"]["update"]>[2]): Operation =>
  async (step, ctx) => {
    await ctx.client.partnerCenter.subscriptions.update(customerId(ctx), subscriptionId(step, ctx), change(step, ctx));
  };

const scheduleRenewal: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const id = subscriptionId(step, ctx);
  if (!want.renewal) {
    await ctx.client.partnerCenter.subscriptions.update(customerId(ctx), id, { scheduledNextTerm: null });
    return;
  }
  const offer = want.renewal.offer ?? want.offer;
  const [productId, skuId] = offer.split(":") as [string, string];
  const term = want.renewal.term ?? want.term;
  const billing = want.renewal.billing ?? want.billing;
  const availabilities = await ctx.client.partnerCenter.catalog.listAvailabilities(productId, skuId, { country: ctx.state.desired.company.country });
  const availability = availabilities.find((a) => a.terms.some((t) => t.duration === term)) ?? availabilities[0];
  if (!availability) throw new CspctlError({ code: "apply.no_availability", address: step.address, message: `no availability of ${offer} offers a ${term} term`, hint: "check renewal.term and renewal.offer against the catalog" });
  await ctx.client.partnerCenter.subscriptions.update(customerId(ctx), id, {
    scheduledNextTerm: { productId, skuId, availabilityId: availability.id, billingCycle: billing, termDuration: term, quantity: want.renewal.quantity ?? want.quantity },
  });
};

const convertTrial: Operation = async (step, ctx) => {
  const want = desiredSubscription(step, ctx);
  const [productId, skuId] = want.offer.split(":") as [string, string];
  const availabilities = await ctx.client.partnerCenter.catalog.listAvailabilities(productId, skuId, { country: ctx.state.desired.company.country });
  const paid = availabilities.find((a) => a.terms.some((t) => t.duration === want.term)) ?? availabilities[0];
  if (!paid) throw new CspctlError({ code: "apply.no_availability", address: step.address, message: `no paid availability of ${want.offer}`, hint: "check the offer against the catalog" });
  await ctx.client.partnerCenter.subscriptions.transition(customerId(ctx), subscriptionId(step, ctx), {
    toCatalogItemId: paid.catalogItemId, quantity: Math.max(25, want.quantity), transitionType: "transition_only", termDuration: want.term, billingCycle: want.billing,
  });
};

const createUser: Operation = async (step, ctx) => {
  const want = desiredUser(step, ctx);
  const generated = want.password.source === "generate";
  const password = want.password.source === "generate" ? generatePassword() : want.password.value;
  if (password !== undefined) registerSecret(password); // never in a log line or an error from here on
  if (password === undefined) throw new CspctlError({ code: "apply.password_unavailable", address: step.address, message: "the user's password variable is not set", hint: "set the environment variable named in the estate, or use password: generate" });
  const user = await ctx.client.partnerCenter.users.create(customerId(ctx), {
    userPrincipalName: want.userPrincipalName, displayName: want.displayName, firstName: want.firstName, lastName: want.lastName,
    ...(want.usageLocation ? { usageLocation: want.usageLocation } : {}), password, forceChangePassword: true,
  });
  ctx.state.userIds.set(want.userPrincipalName.toLowerCase(), user.id);
  if (generated) ctx.credentials.record({ address: want.address, userName: want.userPrincipalName, password });
  return { userId: user.id };
};

const updateUser: Operation = async (step, ctx) => {
  const after = step.after ?? {};
  const profile = Object.fromEntries(step.changedFields.filter((f) => f !== "enabled").map((f) => [f, after[f]]));
  if (Object.keys(profile).length > 0) await ctx.client.partnerCenter.users.update(customerId(ctx), userId(step, ctx), profile);
  // Sign-in is not a Partner Center user field; Graph's accountEnabled is.
  if (step.changedFields.includes("enabled")) await ctx.client.graph.users.update(customerId(ctx), userId(step, ctx), { enabled: after.enabled === true });
};

const disableUser: Operation = async (step, ctx) => {
  await ctx.client.graph.users.update(customerId(ctx), userId(step, ctx), { enabled: false });
};

const assign: Operation = async (step, ctx) => {
  const after = step.after ?? {};
  await ctx.client.graph.users.assignLicense(customerId(ctx), userId(step, ctx), { add: [{ skuId: step.target.skuId!, disabledPlans: (after.disabledPlans as string[] | undefined) ?? [] }], remove: [] });
};

const unassign: Operation = async (step, ctx) => {
  await ctx.client.graph.users.assignLicense(customerId(ctx), userId(step, ctx), { add: [], remove: [step.target.skuId!] });
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
      ...("friendlyName" in after && typeof after.friendlyName === "string" ? { friendlyName: after.friendlyName } : {}),
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
};
