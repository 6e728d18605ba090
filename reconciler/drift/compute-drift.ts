// computeDrift: Plan + ActualEstate → DriftReport. Pure, like the planner it builds on: the only
// clock is the plan's createdAt (or `now`).
import type { DesiredCustomer } from "../model/desired-estate.js";
import { fingerprintActual } from "../plan/fingerprint.js";
import type { Plan } from "../plan/plan.js";
import type { ActualEstate } from "../read/actual-estate.js";
import {
  DRIFT_BY_DEFAULT,
  DRIFT_CATEGORIES,
  DRIFT_FORMAT_VERSION,
  type DeclaredObject,
  type DriftCategory,
  type DriftFinding,
  type DriftReport,
} from "./drift-report.js";
import { findingsFromPlanFindings, findingsFromSteps } from "./findings-from-plan.js";
import { locateFinding, type Locate } from "./locate-finding.js";
import { pendingFindings } from "./pending.js";
import { DEFAULT_GDAP_EXPIRY_DAYS, gdapFindings } from "./gdap-expiry.js";
import { computeUtilisation, sum, utilisationFindings } from "./utilisation.js";
import type { PriceBook } from "../money/price-book.js";

export const DEFAULT_HORIZON_DAYS = 14;

export interface DriftInput {
  plan: Plan;
  actual: ActualEstate;
  /** The declared customers the plan was made for. */
  customers: readonly DesiredCustomer[];
  /** `estate.locate`, so findings point at their YAML line. */
  locate?: Locate;
  /** Price-sheet costs: unused seats are shown with their monthly cost. */
  prices?: PriceBook;
}

export interface DriftOptions {
  now?: Date;
  horizonDays?: number;
  /** A GDAP relationship ending within this many days without auto-extend is pending (default 30). */
  gdapExpiryDays?: number;
  failOn?: readonly DriftCategory[];
}

const ORDER = new Map(DRIFT_CATEGORIES.map((c, i) => [c, i]));

export function computeDrift(input: DriftInput, options: DriftOptions = {}): DriftReport {
  const now = options.now ?? new Date(input.plan.createdAt);
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const failOn = [...(options.failOn ?? DRIFT_BY_DEFAULT)];
  const utilisation = computeUtilisation(input.customers, input.actual, input.prices);
  const findings = dedupe([
    ...mergePending(findingsFromSteps(input.plan, input.locate), findingsFromPlanFindings(input.plan, input.locate)),
    ...pendingFindings(input.customers, input.actual, now, horizonDays, input.locate),
    ...utilisationFindings(utilisation, input.locate),
    ...gdapFindings(
      input.customers,
      input.actual,
      now,
      options.gdapExpiryDays ?? DEFAULT_GDAP_EXPIRY_DAYS,
      input.locate,
    ),
  ]).sort(byCustomerThenCategory);

  const byCategory = Object.fromEntries(DRIFT_CATEGORIES.map((c) => [c, 0])) as Record<DriftCategory, number>;
  for (const f of findings) byCategory[f.category] += 1;
  const declared = declaredObjects(input.customers, input.locate);
  const money = utilisation.filter((u) => u.wasteMoney !== null);
  return {
    formatVersion: DRIFT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    // Not the plan's: that covers only the customers it has steps for (one value for every clean estate).
    fingerprint: fingerprintActual(input.actual, input.customers),
    horizonDays,
    failOn,
    customers: [...input.plan.customers],
    declared,
    findings,
    warnings: input.plan.warnings.map((w) => ({ code: w.code, address: w.address, message: w.message })),
    utilisation,
    summary: {
      byCategory,
      customers: input.plan.customers.length,
      declaredObjects: declared.length,
      drift: failOn.some((c) => byCategory[c] > 0),
      unknown: byCategory.unknown,
      utilisation: {
        purchased: sum(utilisation.map((u) => u.purchased)),
        assigned: sum(utilisation.map((u) => u.assigned)),
        unused: sum(utilisation.map((u) => u.unused)),
        wasteMoney: money.length > 0 ? sum(money.map((u) => u.wasteMoney ?? 0)) : null,
        currency: null,
      },
    },
    ...(input.plan.reads ? { reads: input.plan.reads } : {}),
  };
}

function declaredObjects(customers: readonly DesiredCustomer[], locate: Locate | undefined): DeclaredObject[] {
  const objects: DeclaredObject[] = [];
  const add = (
    address: string,
    customer: string,
    kind: DeclaredObject["kind"],
    source: DesiredCustomer["source"] | undefined,
  ): void => {
    objects.push({
      address,
      customer,
      kind,
      source: source ? { file: source.file, line: source.line, column: source.column } : locateFinding(locate, address),
    });
  };
  for (const c of [...customers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    add(c.address, c.name, "customer", c.source);
    for (const s of c.subscriptions) add(s.address, c.name, "subscription", s.source);
    for (const u of c.users) {
      add(u.address, c.name, "user", u.source);
      for (const l of u.licenses) add(l.address, c.name, "license", l.source);
    }
  }
  return objects;
}

/** The planner's "waiting for the invitation" finding joins the invitation's own finding instead of repeating it. */
function mergePending(fromSteps: DriftFinding[], fromFindings: DriftFinding[]): DriftFinding[] {
  const rest: DriftFinding[] = [];
  for (const f of fromFindings) {
    const invitation =
      f.category === "pending" ? fromSteps.find((s) => s.category === "pending" && s.address === f.address) : undefined;
    if (invitation) invitation.message = `${invitation.message}; ${f.message}`;
    else rest.push(f);
  }
  return [...fromSteps, ...rest];
}

function dedupe(findings: DriftFinding[]): DriftFinding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.id) ?? 0;
    seen.set(f.id, n + 1);
    return n === 0 ? f : { ...f, id: `${f.id}~${n + 1}` };
  });
}

function byCustomerThenCategory(a: DriftFinding, b: DriftFinding): number {
  const ca = a.customer ?? "\uffff";
  const cb = b.customer ?? "\uffff";
  if (ca !== cb) return ca < cb ? -1 : 1;
  const oa = ORDER.get(a.category)!;
  const ob = ORDER.get(b.category)!;
  if (oa !== ob) return oa - ob;
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
