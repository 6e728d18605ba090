// All steps for one declared customer: the customer itself (create, invitation, billing profile,
// qualification), then its subscriptions, users and licences.
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { ActualAddress, ActualEstate } from "../read/actual-estate.js";
import { CapacityLedger } from "./capacity.js";
import { CustomerContext } from "./customer-context.js";
import { compact, pick } from "./records.js";
import { matchCustomer } from "./match.js";
import type { PlanStep } from "./plan.js";
import { planSubscriptions, type SubscriptionPlan } from "./plan-subscriptions.js";
import { planUsers } from "./plan-users.js";
import { gateOnGdap, planGdap } from "./plan-gdap.js";
import { planConsents } from "./plan-consents.js";
import { checkSeatCaps } from "./seat-cap.js";

export function planCustomer(desired: DesiredCustomer, actual: ActualEstate, now: Date): CustomerContext {
  const have = matchCustomer(desired, actual.customers);
  const ctx = new CustomerContext(desired, have, now);
  const unknown = actual.unknown.filter(
    (u) => u.address === desired.address || u.address.startsWith(`${desired.address}/`),
  );
  for (const u of unknown)
    ctx.findings.push({ kind: "unknown", address: u.address, message: `could not be read: ${u.cause}` });
  if (unknown.some((u) => u.address === desired.address)) return ctx;

  let customerStep: PlanStep | undefined;
  if (have === undefined) {
    if (desired.tenant.mode === "link") {
      const pending = actual.invitations.find((i) => i.domain.toLowerCase() === desired.company.domain.toLowerCase());
      ctx.addStep({
        address: desired.address,
        action: "send-invitation",
        reason: pending ? "invitation_pending" : "link_existing_tenant",
        after: {
          domain: desired.company.domain,
          ...(desired.tenant.id ? { tenantId: desired.tenant.id } : {}),
          ...(pending ? { invitationUrl: pending.url } : {}),
        },
        waiting:
          pending === undefined
            ? false
            : `the customer's global admin to accept the reseller invitation: ${pending.url}`,
      });
      const waitingFor = desired.subscriptions.length + desired.users.length;
      if (waitingFor > 0)
        ctx.findings.push({
          kind: "pending",
          address: desired.address,
          message: `${desired.subscriptions.length} subscription(s) and ${desired.users.length} user(s) wait until the customer accepts the reseller invitation`,
        });
      return ctx;
    }
    customerStep = ctx.addStep({
      address: desired.address,
      action: "create-customer",
      reason: "missing_in_partner_center",
      after: {
        companyName: desired.company.name,
        domain: desired.company.domain,
        country: desired.company.country,
        culture: desired.company.culture,
        language: desired.company.language,
        qualification: desired.company.qualification,
        ...(desired.resellerOfRecord ? { resellerOfRecord: desired.resellerOfRecord } : {}),
      },
      ...(actual.takenDomains?.includes(desired.company.domain.toLowerCase())
        ? {
            blocked: {
              code: "plan.domain_taken",
              message: `the initial domain ${desired.company.domain} is already taken by another tenant (Partner Center's domain availability check, NCE-RULES R-DOM-1)`,
              hint: "choose another company.domain (<letters and digits>.onmicrosoft.com), or use tenant.mode: link if the tenant is this customer's",
            },
          }
        : {}),
    });
    planQualification(ctx, [], [customerStep.id]);
  } else {
    planCustomerProfile(ctx);
  }

  const gdap = planGdap(ctx, customerStep);
  planConsents(ctx, customerStep, gdap, actual.signedInApplication);
  const ledger = new CapacityLedger(have?.subscribedSkus ?? []);
  let subscriptions: SubscriptionPlan | undefined;
  if (have !== undefined && (have.subscriptions === null || have.subscribedSkus === null)) {
    if (!unknown.length)
      ctx.findings.push({
        kind: "unknown",
        address: desired.address,
        message: "subscriptions could not be read; no subscription or licence step is planned",
      });
  } else {
    const unreadable = unknown
      .filter((u) => u.address.startsWith(`${desired.address}/subscription:`))
      .map((u) => u.address.slice(`${desired.address}/subscription:`.length));
    subscriptions = planSubscriptions(ctx, have?.subscriptions ?? [], ledger, customerStep, unreadable);
  }
  if (have !== undefined && have.users === null) {
    ctx.findings.push({
      kind: "unknown",
      address: desired.address,
      message: "users could not be read; no user or licence step is planned",
    });
  } else {
    planUsers(ctx, have?.users ?? [], subscriptions, ledger, customerStep);
  }
  if (subscriptions) checkReductions(ctx, subscriptions, ledger);
  checkSeatCaps(ctx, have);
  if (gdap) gateOnGdap(ctx.steps, gdap);
  return ctx;
}

/** A seat reduction may not leave fewer seats than stay assigned (declared or not). */
function checkReductions(_ctx: CustomerContext, subscriptions: SubscriptionPlan, ledger: CapacityLedger): void {
  for (const reduction of subscriptions.reductions) {
    const capacity = ledger.get(reduction.skuId);
    if (capacity.active - reduction.seats < capacity.consumed) {
      reduction.step.status = "blocked";
      reduction.step.blocked = {
        code: "plan.decrease_below_assigned",
        message: `removing ${reduction.seats} seat(s) would leave ${capacity.active - reduction.seats} for ${capacity.consumed} assigned user(s)`,
        hint: "remove licence assignments first (declare them away with policy.prune.licenses for undeclared ones), or keep the quantity",
      };
      continue;
    }
    ledger.removeSeats(reduction.skuId, reduction.seats, reduction.step.id);
    reduction.step.dependsOn = [...new Set([...reduction.step.dependsOn, ...capacity.releasers])];
  }
}

function planCustomerProfile(ctx: CustomerContext): void {
  const { desired, actual } = ctx;
  if (actual === undefined) return;
  if (desired.billing && actual.billing) {
    const before: Record<string, unknown> = {
      email: actual.billing.email,
      firstName: actual.billing.firstName,
      lastName: actual.billing.lastName,
    };
    const after: Record<string, unknown> = {
      email: desired.billing.email,
      firstName: desired.billing.firstName,
      lastName: desired.billing.lastName,
    };
    if (desired.billing.phone !== undefined) {
      before.phone = actual.billing.phone;
      after.phone = desired.billing.phone;
    }
    // the billing address lives in the billing profile's defaultAddress; a linked tenant's may hold only a country
    if (actual.billing.address !== undefined) {
      before.address = declaredAddressFields({ ...desired.billing.address }, actual.billing.address);
      after.address = compact({ ...desired.billing.address });
    }
    const changed = ctx.filterIgnored(
      desired.address,
      Object.keys(after).filter((k) => normaliseBilling(k, before[k]) !== normaliseBilling(k, after[k])),
      (f) => `billing.${f}`,
      before,
      after,
    );
    if (changed.length > 0)
      ctx.addStep({
        address: desired.address,
        action: "update-customer",
        reason: "billing_profile_changed",
        before: pick(before, changed),
        after: pick(after, changed),
        changedFields: changed.map((f) => `billing.${f}`),
      });
  }
  planQualification(ctx, actual.qualifications, []);
}

/** The actual address in the declared shape (the declared keys first, then any other it holds). */
function declaredAddressFields(declared: Record<string, unknown>, actual: ActualAddress): Record<string, unknown> {
  const held = actual as unknown as Record<string, unknown>;
  return compact(Object.fromEntries(Object.keys({ ...declared, ...held }).map((k) => [k, held[k]])));
}

/**
 * Emails compare case-insensitively, phones by their digits and addresses field by field ignoring case
 * and surrounding spaces, so a different spelling is not drift.
 */
function normaliseBilling(field: string, value: unknown): unknown {
  if (field === "address" && value !== null && typeof value === "object")
    return JSON.stringify(
      Object.entries(value)
        .map(([k, v]) => [k, String(v).trim().toLowerCase()])
        .sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  if (typeof value !== "string") return value;
  if (field === "email") return value.trim().toLowerCase();
  if (field === "phone") return value.replace(/[^0-9+]/g, "");
  return value;
}

/** Education and GCC are set through the API (R-CUS-1); nonprofit comes from Microsoft's programme. */
function planQualification(ctx: CustomerContext, current: readonly string[], dependsOn: string[]): void {
  const { desired } = ctx;
  const qualification = { education: "Education", government: "GovernmentCommunityCloud" }[
    desired.company.qualification as string
  ];
  if (qualification && !current.some((q) => q.toLowerCase() === qualification.toLowerCase())) {
    ctx.addStep({
      address: `${desired.address}/qualification`,
      action: "update-customer",
      reason: "qualification_missing",
      before: { qualifications: [...current] },
      // what each kind needs sent with it (R-CUS-1): education its segment, government its validation code
      after: compact({
        qualification,
        educationSegment: qualification === "Education" ? (desired.company.educationSegment ?? "K12") : undefined,
        validationCode: desired.company.validationCode,
      }),
      changedFields: ["company.qualification"],
      dependsOn,
    });
  }
  if (desired.company.qualification === "nonprofit" && !current.some((q) => q.toLowerCase() === "nonprofit")) {
    ctx.warn(
      "plan.qualification_not_settable",
      desired.address,
      "nonprofit eligibility comes from Microsoft's nonprofit programme; a partner cannot set it (NCE-RULES R-CUS-1)",
    );
  }
}
