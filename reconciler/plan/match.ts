// Deterministic matching of desired objects to what Partner Center holds (documented in docs/plan-and-apply.md):
// customer by initial domain (or tenant id for `link` with an id), subscription by offer + term +
// billing (+ friendly name where several match), user by UPN. Ambiguity is an error, never a guess.
import { CspctlError } from "../../core/errors.js";
import type { DesiredCustomer, DesiredSubscription } from "../model/desired-estate.js";
import type { ActualCustomer, ActualSubscription, ActualUser } from "../read/actual-estate.js";
import { lowerCase } from "./lower-case.js";

export class AmbiguousMatchError extends CspctlError {
  constructor(address: string, what: string, candidates: string[]) {
    super({
      code: "plan.ambiguous_match",
      address,
      message: `${address} matches ${candidates.length} ${what} in Partner Center: ${candidates.join(", ")}`,
      hint: "set a distinct friendlyName on each declared subscription (and in Partner Center) so each matches exactly one",
    });
  }
}

export function matchCustomer(desired: DesiredCustomer, actual: readonly ActualCustomer[]): ActualCustomer | undefined {
  const index = customerIndex(actual);
  if (desired.tenant.mode === "link" && desired.tenant.id !== undefined)
    return index.byId.get(lowerCase(desired.tenant.id));
  return index.byDomain.get(lowerCase(desired.company.domain));
}

interface CustomerIndex {
  size: number;
  byId: Map<string, ActualCustomer>;
  byDomain: Map<string, ActualCustomer>;
}

// Planning 10,000 customers looked each one up by a linear scan (bench planner-pure); one index per
// list, rebuilt if the list grew. The first customer with a key wins, as a scan would find it.
const indexes = new WeakMap<readonly ActualCustomer[], CustomerIndex>();

function customerIndex(actual: readonly ActualCustomer[]): CustomerIndex {
  const cached = indexes.get(actual);
  if (cached !== undefined && cached.size === actual.length) return cached;
  const index: CustomerIndex = { size: actual.length, byId: new Map(), byDomain: new Map() };
  for (const c of actual) {
    const id = lowerCase(c.id);
    const domain = lowerCase(c.domain);
    if (!index.byId.has(id)) index.byId.set(id, c);
    if (!index.byDomain.has(domain)) index.byDomain.set(domain, c);
  }
  indexes.set(actual, index);
  return index;
}

/** Subscriptions that no longer exist in any useful sense are never matched. */
const GONE: ReadonlySet<ActualSubscription["status"]> = new Set(["deleted"]);

export interface SubscriptionMatch {
  matched: Map<string, ActualSubscription>;
  /**
   * Declared name → the later purchases among several subscriptions only that declaration could be
   * (no other declared subscription has the offer): a duplicate purchase, not an ambiguity. The
   * oldest is the match.
   */
  duplicates: Map<string, ActualSubscription[]>;
  unmatchedActual: ActualSubscription[];
}

/**
 * Matches in declaration order (bases before their add-ons). Add-ons only match subscriptions whose
 * parent is their matched base. A declared friendly name narrows several candidates to one.
 */
export function matchSubscriptions(
  _customerAddress: string,
  desired: readonly DesiredSubscription[],
  actual: readonly ActualSubscription[],
): SubscriptionMatch {
  const matched = new Map<string, ActualSubscription>();
  const duplicates = new Map<string, ActualSubscription[]>();
  const taken = new Set<string>();
  for (const want of desired) {
    const baseId = want.addonOf === undefined ? undefined : matched.get(want.addonOf)?.id;
    let candidates = actual.filter(
      (s) =>
        !taken.has(s.id) &&
        !GONE.has(s.status) &&
        lowerCase(s.offerId) === lowerCase(want.offer) &&
        // a trial runs on its own one-month term with billing "none" until it converts (R-TRI-1); once
        // converted, it is the paid subscription of its conversion terms (R-TRI-3)
        (s.isTrial ? true : paidTermsMatch(s, want)) &&
        // NCE add-ons are subscriptions of their own (R-ADD-1): linked to the base, or standalone
        (want.addonOf === undefined
          ? true
          : s.parentSubscriptionId === null || (baseId !== undefined && s.parentSubscriptionId === baseId)),
    );
    if (
      candidates.length > 1 &&
      want.addonOf !== undefined &&
      baseId !== undefined &&
      candidates.some((s) => s.parentSubscriptionId === baseId)
    ) {
      candidates = candidates.filter((s) => s.parentSubscriptionId === baseId);
    }
    if (candidates.length > 1 && want.friendlyName !== undefined) {
      candidates = candidates.filter((s) => s.friendlyName === want.friendlyName);
    }
    const onlyDeclaration = desired.every(
      (other) => other === want || lowerCase(other.offer) !== lowerCase(want.offer),
    );
    if (candidates.length > 1 && onlyDeclaration && candidates.every((s) => s.purchasedAt !== undefined)) {
      const [oldest, ...later] = [...candidates].sort(
        (a, b) => a.purchasedAt!.localeCompare(b.purchasedAt!) || a.id.localeCompare(b.id),
      );
      duplicates.set(want.name, later);
      for (const s of later) taken.add(s.id);
      candidates = [oldest!];
    }
    if (candidates.length > 1) {
      throw new AmbiguousMatchError(
        want.address,
        "subscriptions",
        candidates.map((s) => `${s.id}${s.friendlyName ? ` ("${s.friendlyName}")` : ""}`),
      );
    }
    const [only] = candidates;
    if (only !== undefined) {
      matched.set(want.name, only);
      taken.add(only.id);
    }
  }
  return { matched, duplicates, unmatchedActual: actual.filter((s) => !taken.has(s.id) && !GONE.has(s.status)) };
}

/**
 * The paid subscription a declaration stands for: for a trial that converts, the conversion's terms
 * (convertTo for `convert: auto`, at least 25 seats for `convert: now`, R-TRI-3); otherwise as declared.
 */
export function paidTerms(want: DesiredSubscription): Pick<DesiredSubscription, "quantity" | "term" | "billing"> {
  if (want.trial?.convert === "auto" && want.trial.convertTo !== undefined) {
    const { quantity, term, billing } = want.trial.convertTo;
    return { quantity, term: term as DesiredSubscription["term"], billing: billing as DesiredSubscription["billing"] };
  }
  if (want.trial?.convert === "now")
    return { quantity: Math.max(want.quantity, 25), term: want.term, billing: want.billing };
  return { quantity: want.quantity, term: want.term, billing: want.billing };
}

function paidTermsMatch(s: ActualSubscription, want: DesiredSubscription): boolean {
  if (s.term === want.term && s.billing === want.billing) return true;
  if (want.trial === undefined || want.trial.convert === "never") return false;
  const paid = paidTerms(want);
  return s.term === paid.term && s.billing === paid.billing;
}

export function matchUser(upn: string, actual: readonly ActualUser[]): ActualUser | undefined {
  let index = userIndexes.get(actual);
  if (index === undefined || index.size !== actual.length) {
    index = { size: actual.length, byUpn: new Map() };
    for (const u of actual) {
      const key = lowerCase(u.userPrincipalName);
      if (!index.byUpn.has(key)) index.byUpn.set(key, u);
    }
    userIndexes.set(actual, index);
  }
  return index.byUpn.get(lowerCase(upn));
}

// Each declared user was found by a scan of the customer's users (bench planner-pure); an index per
// list instead, rebuilt if the list grew. The first user with a UPN wins, as the scan found it.
const userIndexes = new WeakMap<readonly ActualUser[], { size: number; byUpn: Map<string, ActualUser> }>();
