// Read, plan, then derive drift: the step `cspctl drift` runs. The same planEstate as plan and apply.
import type { DesiredCustomer, DesiredEstate } from "../model/desired-estate.js";
import { planEstate, type PlanEstateOptions } from "../plan-estate.js";
import type { Plan } from "../plan/plan.js";
import type { ReadClient } from "../read/read-actual.js";
import { computeDrift, type DriftOptions } from "./compute-drift.js";
import type { DriftReport } from "./drift-report.js";

export interface DriftEstateOptions extends PlanEstateOptions, Omit<DriftOptions, "now"> {}

export async function driftEstate(
  client: ReadClient,
  estate: DesiredEstate,
  options: DriftEstateOptions = {},
): Promise<DriftReport> {
  const { horizonDays, failOn, ...planOptions } = options;
  const { actual, plan, customers, prices } = await planEstate(client, estate, planOptions);
  const report = {
    prices,
    plan: withoutDeclaredCustomers(plan, estate.customers),
    actual,
    customers,
    locate: estate.locate.bind(estate),
  };
  return computeDrift(report, { ...(horizonDays === undefined ? {} : { horizonDays }), ...(failOn ? { failOn } : {}) });
}

/**
 * With `--all` and a selection (`--customer`, `--selector`, `--shard`), the planner sees only the
 * selected customers, so a customer declared in another document would be reported as not declared.
 * It is declared: only customers no document of the estate declares are unmanaged.
 */
export function withoutDeclaredCustomers(plan: Plan, declared: readonly DesiredCustomer[]): Plan {
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
