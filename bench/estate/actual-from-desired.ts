// The Partner Center state a generated estate would have once applied, built in memory for the
// planner-pure scenario (no HTTP): every declared object exists as declared, except a seeded share
// of customers that drifted (a seat count changed, a user missing) so the planner has work to do.
import { catalog } from "../../core/catalog.js";
import type { DesiredCustomer, DesiredEstate } from "../../reconciler/model/desired-estate.js";
import type {
  ActualCustomer,
  ActualEstate,
  ActualSubscribedSku,
  ActualSubscription,
  ActualUser,
  PendingInvitation,
  UnknownRead,
} from "../../reconciler/read/actual-estate.js";
import { seededRandom, type Random } from "../../emulator/faults/random.js";
import { MULTI_CHANNEL_SKU } from "./generate-estate.js";

export interface DriftShares {
  /** Every n-th customer has one seat fewer on its first subscription. */
  resizeEvery: number;
  /** Every n-th customer lacks its last user. */
  missingUserEvery: number;
}

export function actualFromDesired(
  estate: DesiredEstate,
  now: Date,
  drift: DriftShares = { resizeEvery: 10, missingUserEvery: 20 },
): ActualEstate {
  const termEnd = new Date(now.getTime() + 300 * 86_400_000).toISOString();
  const customers = estate.customers.map((customer, index) => actualCustomer(customer, index, termEnd, drift));
  customers.sort((a, b) => (a.domain < b.domain ? -1 : 1));
  return { readAt: now.toISOString(), customers, unknown: [], invitations: [] };
}

function actualCustomer(desired: DesiredCustomer, index: number, termEnd: string, drift: DriftShares): ActualCustomer {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  const subscriptionIds = new Map(
    desired.subscriptions.map((s, k) => [
      s.name,
      `${id.slice(0, 24)}${String(k).padStart(4, "0")}${String(index).padStart(8, "0").slice(-8)}`,
    ]),
  );
  const subscriptions: ActualSubscription[] = desired.subscriptions.map((s, k) => ({
    id: subscriptionIds.get(s.name)!,
    offerId: s.offer,
    quantity: k === 0 && index % drift.resizeEvery === 0 ? s.quantity - 1 : s.quantity,
    term: s.term,
    billing: s.billing,
    autoRenew: s.autoRenew,
    status: "active",
    friendlyName: s.friendlyName ?? null,
    poNumber: s.poNumber ?? null,
    parentSubscriptionId: s.addonOf === undefined ? null : (subscriptionIds.get(s.addonOf) ?? null),
    isTrial: false,
    termEndDate: termEnd,
    refundableQuantity: 0,
    refundableBatches: [],
    cancellationAllowedUntil: null,
    scheduledNextTerm: null,
  }));
  const keptUsers = index % drift.missingUserEvery === 0 ? desired.users.slice(0, -1) : desired.users;
  const users: ActualUser[] = keptUsers.map((u, k) => ({
    id: `${id.slice(0, 24)}u${String(k).padStart(3, "0")}${String(index).padStart(8, "0").slice(-8)}`,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    firstName: u.firstName,
    lastName: u.lastName,
    usageLocation: u.usageLocation ?? null,
    enabled: u.enabled,
    licenses: u.licenses.map((l) => {
      const sku = licenseSku(desired, l.subscription, l.sku);
      return {
        skuId: sku.skuId,
        disabledPlans: l.disabledPlans.map((name) => sku.servicePlans.find((p) => p.name === name)?.id ?? name),
      };
    }),
  }));
  return {
    id,
    domain: desired.company.domain,
    companyName: desired.company.name,
    billing: desired.billing
      ? {
          email: desired.billing.email,
          firstName: desired.billing.firstName,
          lastName: desired.billing.lastName,
          phone: desired.billing.phone ?? null,
          culture: desired.company.culture,
          language: desired.company.language,
        }
      : null,
    qualifications: [],
    subscriptions,
    subscribedSkus: subscribedSkus(desired, subscriptions, users),
    users,
  };
}

function licenseSku(desired: DesiredCustomer, subscription: string | undefined, partNumber: string | undefined) {
  const skuPartNumber =
    partNumber ?? catalog.offers[desired.subscriptions.find((s) => s.name === subscription)!.offer]!.skuPartNumber!;
  return catalog.licenseSkus[skuPartNumber]!;
}

function subscribedSkus(
  desired: DesiredCustomer,
  subscriptions: ActualSubscription[],
  users: ActualUser[],
): ActualSubscribedSku[] {
  const bySku = new Map<string, ActualSubscribedSku>();
  const entry = (partNumber: string): ActualSubscribedSku => {
    const sku = catalog.licenseSkus[partNumber]!;
    let found = bySku.get(sku.skuId);
    if (found === undefined)
      bySku.set(
        sku.skuId,
        (found = { skuId: sku.skuId, skuPartNumber: partNumber, activeUnits: 0, consumedUnits: 0, suspendedUnits: 0 }),
      );
    return found;
  };
  for (const s of subscriptions) entry(catalog.offers[s.offerId]!.skuPartNumber!).activeUnits += s.quantity;
  if (desired.users.some((u) => u.licenses.some((l) => l.sku === MULTI_CHANNEL_SKU)))
    entry(MULTI_CHANNEL_SKU).activeUnits += desired.users.length;
  const partNumbers = new Map(Object.values(catalog.licenseSkus).map((s) => [s.skuId, s.skuPartNumber]));
  for (const u of users) for (const l of u.licenses) entry(partNumbers.get(l.skuId)!).consumedUnits += 1;
  return [...bySku.values()];
}

/**
 * Drift of every kind the planner handles, seeded, for checks that a faster planner plans exactly
 * as before (test/unit/plan/plan-identity.test.ts): changed, disabled, extra and missing users and licences; suspended, resized, expired,
 * pending, trial and undeclared subscriptions; unreadable lists; missing customers and invitations;
 * and per-customer policies (prune, observe, ignore rules). Returns new objects; inputs are untouched.
 */
export function withVariedDrift(
  desired: readonly DesiredCustomer[],
  actual: ActualEstate,
  seed: number,
): { customers: DesiredCustomer[]; actual: ActualEstate } {
  const random = seededRandom(seed);
  const chance = (p: number): boolean => random() < p;
  const byDomain = new Map(actual.customers.map((c) => [c.domain.toLowerCase(), c]));
  const customers: DesiredCustomer[] = [];
  const actualCustomers: ActualCustomer[] = [];
  const unknown: UnknownRead[] = [...actual.unknown];
  const invitations: PendingInvitation[] = [...actual.invitations];
  for (const want of desired) {
    customers.push(withVariedPolicy(want, random));
    const have = byDomain.get(want.company.domain.toLowerCase());
    if (have === undefined) continue;
    if (chance(0.04)) {
      if (want.tenant.mode === "link" && chance(0.5))
        invitations.push({
          domain: want.company.domain.toUpperCase(),
          tenantId: null,
          url: `https://invite.example/${want.name}`,
        });
      continue; // not in Partner Center (yet)
    }
    if (chance(0.03))
      unknown.push({
        address: chance(0.5) ? want.address : `${want.address}/subscription:${want.subscriptions[0]?.name ?? "x"}`,
        cause: "503 after retries",
      });
    actualCustomers.push(driftCustomer(have, want, random));
  }
  return { customers, actual: { ...actual, customers: actualCustomers, unknown, invitations } };
}

function withVariedPolicy(want: DesiredCustomer, random: Random): DesiredCustomer {
  const roll = random();
  if (roll < 0.03 && want.users.length > 0) {
    // a licence the embedded catalog does not know: warned about, never planned
    const [first, ...rest] = want.users;
    return {
      ...want,
      users: [
        {
          ...first!,
          licenses: [
            ...first!.licenses,
            {
              address: `${first!.address}/license:sku:NOT_IN_CATALOG`,
              source: first!.source,
              sku: "NOT_IN_CATALOG",
              disabledPlans: [],
            },
          ],
        },
        ...rest,
      ],
    };
  }
  if (roll < 0.7) return want;
  const policy = { ...want.policy, prune: { ...want.policy.prune }, ignore: [...want.policy.ignore] };
  if (roll < 0.8) policy.prune = { users: true, licenses: true, subscriptions: true };
  else if (roll < 0.85) policy.mode = "observe";
  else if (roll < 0.9) policy.protect = !policy.protect;
  else {
    const sub = want.subscriptions[0]?.name ?? "suite";
    policy.ignore.push(
      { path: `subscriptions[${sub}].quantity`, reason: "seasonal staff" },
      {
        path: `users[${want.users[0]?.userPrincipalName ?? "x"}].displayName`,
        reason: "HR owns names",
        until: random() < 0.5 ? "2026-01-01" : "2027-01-01",
      },
    );
  }
  return { ...want, policy };
}

function driftCustomer(have: ActualCustomer, want: DesiredCustomer, random: Random): ActualCustomer {
  const chance = (p: number): boolean => random() < p;
  const index = (n: number): number => Math.floor(random() * n);
  const customer: ActualCustomer = { ...have };
  if (have.billing && chance(0.05))
    customer.billing = {
      ...have.billing,
      email: chance(0.5) ? have.billing.email.toUpperCase() : `new-${have.billing.email}`,
      phone: "+1 (425) 555-0100",
    };
  if (chance(0.03)) customer.qualifications = ["Education"];
  if (have.subscriptions !== null) {
    if (chance(0.02)) customer.subscriptions = null;
    else customer.subscriptions = have.subscriptions.flatMap((s) => driftSubscription(s, random));
    if (customer.subscriptions !== null && chance(0.06)) {
      const offerId = want.subscriptions[index(want.subscriptions.length)]?.offer ?? have.subscriptions[0]!.offerId;
      customer.subscriptions.push({
        ...have.subscriptions[0]!,
        id: `${have.id.slice(0, 24)}extra${String(index(1e7)).padStart(7, "0")}`,
        offerId,
        term: "P1M",
        billing: "monthly",
        quantity: 1 + index(5),
        friendlyName: "bought in the portal",
        cancellationAllowedUntil: chance(0.5) ? "2026-06-05T00:00:00Z" : null,
        status: chance(0.8) ? "active" : "pending",
        orderId: "order-extra",
      });
    }
  }
  if (have.subscribedSkus !== null) {
    if (chance(0.01)) customer.subscribedSkus = null;
    else
      customer.subscribedSkus = have.subscribedSkus.map((s) =>
        chance(0.05) ? { ...s, consumedUnits: s.consumedUnits + 1 + index(3), suspendedUnits: index(2) } : s,
      );
  }
  if (have.users !== null) {
    if (chance(0.02)) customer.users = null;
    else {
      customer.users = have.users.flatMap((u) => driftUser(u, random));
      if (chance(0.08))
        customer.users.push({
          ...have.users[0]!,
          id: `${have.id.slice(0, 24)}xtra${String(index(1e8)).padStart(8, "0")}`,
          userPrincipalName: `contractor${index(100)}@${have.domain}`,
          enabled: chance(0.7),
          licenses: chance(0.5) ? [] : have.users[0]!.licenses,
        });
    }
  }
  return customer;
}

function driftSubscription(s: ActualSubscription, random: Random): ActualSubscription[] {
  const roll = random();
  if (roll < 0.85) return [s];
  if (roll < 0.87) return [{ ...s, status: "suspended" }];
  if (roll < 0.89)
    return [
      {
        ...s,
        quantity: s.quantity + 1 + Math.floor(random() * 3),
        refundableQuantity: Math.floor(random() * 4),
        refundableBatches: [{ quantity: 2, allowedUntil: "2026-06-05T00:00:00Z" }],
      },
    ];
  if (roll < 0.9) return [{ ...s, status: random() < 0.5 ? "expired" : "disabled" }];
  if (roll < 0.91) return [{ ...s, status: "pending", orderId: `order-${s.id.slice(-6)}` }];
  if (roll < 0.92) return [{ ...s, isTrial: true, term: "P1M", billing: "none", quantity: 25 }];
  if (roll < 0.94) return [{ ...s, scheduledNextTerm: { quantity: s.quantity + 2, term: "P1Y", billing: "annual" } }];
  if (roll < 0.96)
    return [{ ...s, autoRenew: !s.autoRenew, friendlyName: random() < 0.5 ? "renamed" : s.friendlyName }];
  if (roll < 0.97) return [{ ...s, cancellationAllowedUntil: "2026-06-03T00:00:00Z" }];
  if (roll < 0.98) return [];
  return [{ ...s, status: "deleted" }];
}

function driftUser(u: ActualUser, random: Random): ActualUser[] {
  const roll = random();
  if (roll < 0.8) return [u];
  if (roll < 0.82) return [{ ...u, displayName: `${u.displayName} (old)` }];
  if (roll < 0.84) return [{ ...u, enabled: false }];
  if (roll < 0.85) return [{ ...u, usageLocation: null, licenses: [] }];
  if (roll < 0.87) return [{ ...u, licenses: u.licenses.slice(1) }];
  if (roll < 0.89)
    return [
      {
        ...u,
        licenses: u.licenses.map((l, k) =>
          k === 0
            ? { ...l, disabledPlans: l.disabledPlans.length > 0 ? [] : ["aaaaaaaa-0000-4000-8000-000000000001"] }
            : l,
        ),
      },
    ];
  if (roll < 0.91)
    return [{ ...u, licenses: [...u.licenses, { skuId: "bbbbbbbb-0000-4000-8000-000000000002", disabledPlans: [] }] }];
  if (roll < 0.93) return [{ ...u, userPrincipalName: u.userPrincipalName.toUpperCase(), firstName: null }];
  if (roll < 0.95)
    return [
      {
        ...u,
        licenses: u.licenses.map((l) => ({
          ...l,
          skuId: l.skuId.toUpperCase(),
          disabledPlans: l.disabledPlans.map((p) => p.toUpperCase()),
        })),
      },
    ];
  if (roll < 0.97) return [];
  return [u, { ...u, id: `${u.id}-twin`, userPrincipalName: `twin.${u.userPrincipalName}` }];
}
