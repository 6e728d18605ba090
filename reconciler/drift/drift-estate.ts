// Read, plan, then derive drift: the step `cspctl drift` runs. The same planEstate as plan and apply.
import type { DesiredCustomer, DesiredEstate } from "../model/desired-estate.js";
import { planEstate, type PlanEstateOptions } from "../plan-estate.js";
import type { Plan } from "../plan/plan.js";
import type { ActualEstate } from "../read/actual-estate.js";
import type { ReadClient } from "../read/read-actual.js";
import { type AuditClient, attachAuthors } from "./audit-authors.js";
import { computeDrift, type DriftOptions } from "./compute-drift.js";
import type { DriftReport } from "./drift-report.js";

export interface DriftEstateOptions extends PlanEstateOptions, Omit<DriftOptions, "now"> {
  /** Days of the activity log read for the authors of findings (default 30, at most 90; 0 = none). */
  auditDays?: number;
}

/**
 * Plans, derives drift, then names each finding's author from the activity log of the customers with
 * findings. Also returns what it read, for views built on the same read (the dashboard).
 */
export async function readDrift(
  client: ReadClient & AuditClient,
  estate: DesiredEstate,
  options: DriftEstateOptions = {},
): Promise<{ report: DriftReport; actual: ActualEstate }> {
  const { horizonDays, gdapExpiryDays, failOn, auditDays, ...planOptions } = options;
  const { actual, plan, customers, prices } = await planEstate(client, estate, planOptions);
  const input = {
    prices,
    plan: withoutDeclaredCustomers(plan, estate.customers),
    actual,
    customers,
    locate: estate.locate.bind(estate),
  };
  const report = computeDrift(input, {
    ...(horizonDays === undefined ? {} : { horizonDays }),
    ...(gdapExpiryDays === undefined ? {} : { gdapExpiryDays }),
    ...(failOn ? { failOn } : {}),
  });
  const authored = await attachAuthors(
    client,
    { report, plan: input.plan, actual, customers },
    { now: new Date(plan.createdAt), ...(auditDays === undefined ? {} : { days: auditDays }) },
  );
  return { report: authored, actual };
}

/** `cspctl drift`: the report of readDrift. */
export async function driftEstate(
  client: ReadClient & AuditClient,
  estate: DesiredEstate,
  options: DriftEstateOptions = {},
): Promise<DriftReport> {
  return (await readDrift(client, estate, options)).report;
}

/**
 * With `--all` and a selection (`--customer`, `--selector`, `--shard`), the planner sees only the
 * selected customers, so a customer declared in another document would be reported as not declared.
 * It is declared: only customers no document of the estate declares are unmanaged.
 */
function withoutDeclaredCustomers(plan: Plan, declared: readonly DesiredCustomer[]): Plan {
  const ids = new Set(
    declared.flatMap((c) => (c.tenant.mode === "link" && c.tenant.id ? [c.tenant.id.toLowerCase()] : [])),
  );
  const domains = new Set(declared.map((c) => c.company.domain.toLowerCase()));
  const isDeclared = (detail: Record<string, unknown> | undefined): boolean =>
    (typeof detail?.id === "string" && ids.has(detail.id.toLowerCase())) ||
    (typeof detail?.domain === "string" && domains.has(detail.domain.toLowerCase()));
  const findings = plan.findings.filter(
    (f) => !(f.kind === "unmanaged" && /^customer:[^/]+$/.test(f.address) && isDeclared(f.detail)),
  );
  return findings.length === plan.findings.length ? plan : { ...plan, findings };
}
