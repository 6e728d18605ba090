// planChanges: desired + actual → Plan. Pure: no I/O, and the only clock is the `now` passed in.
import type { DesiredCustomer } from "../model/desired-estate.js";
import { CspctlError } from "../../core/errors.js";
import type { ActualCustomer, ActualEstate } from "../read/actual-estate.js";
import { customersChangedBy, fingerprintActual } from "./fingerprint.js";
import { orderSteps } from "./order-steps.js";
import {
  PLAN_FORMAT_VERSION,
  type Plan,
  type PlanFinding,
  type PlanStep,
  type PlanSummary,
  type PlanWarning,
} from "./plan.js";
import { planCustomer } from "./plan-customer.js";
import { matchCustomer } from "./match.js";

export interface PlanOptions {
  now: Date;
  /** Report customers in Partner Center that no declared customer matches (`--all`). */
  reportUnmanagedCustomers?: boolean;
  /** Every customer the estate declares (planned or not): never reported as unmanaged. */
  declaredElsewhere?: readonly DesiredCustomer[];
}

export function planChanges(
  desired: { customers: readonly DesiredCustomer[] },
  actual: ActualEstate,
  options: PlanOptions,
): Plan {
  const steps: PlanStep[] = [];
  const findings: PlanFinding[] = [];
  const warnings: PlanWarning[] = [];
  const matchedBy = new Map<string, DesiredCustomer>();
  const customers = [...desired.customers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const customer of customers) {
    const ctx = planCustomer(customer, actual, options.now);
    if (ctx.actual) {
      const other = matchedBy.get(ctx.actual.id);
      if (other !== undefined) throw new DeclaredTwiceError(other, customer, ctx.actual);
      matchedBy.set(ctx.actual.id, customer);
    }
    steps.push(...orderSteps(ctx.steps));
    findings.push(...ctx.findings);
    warnings.push(...ctx.warnings);
  }
  if (options.reportUnmanagedCustomers) {
    for (const c of options.declaredElsewhere ?? []) {
      const found = matchCustomer(c, actual.customers);
      if (found && !matchedBy.has(found.id)) matchedBy.set(found.id, c);
    }
    for (const extra of actual.customers.filter((c) => !matchedBy.has(c.id))) {
      findings.push({
        kind: "unmanaged",
        address: `customer:${extra.domain}`,
        message: `customer ${extra.companyName} (${extra.domain}) is not declared`,
        detail: { id: extra.id, domain: extra.domain },
      });
    }
  }
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: options.now.toISOString(),
    fingerprint: fingerprintActual(actual, customersChangedBy({ steps }, customers)),
    customers: customers.map((c) => c.name),
    steps,
    findings,
    warnings,
    summary: summarise(steps),
  };
}

/**
 * Two declared customers that are one Partner Center customer (one linked by tenant id, the other
 * matched by domain): planned twice, their steps would fight over the same tenant.
 */
class DeclaredTwiceError extends CspctlError {
  constructor(first: DesiredCustomer, second: DesiredCustomer, found: ActualCustomer) {
    super({
      code: "plan.customer_declared_twice",
      address: second.address,
      message: `${first.address} and ${second.address} are the same Partner Center customer ${found.companyName} (${found.domain}, tenant ${found.id})`,
      hint: "declare each Partner Center customer once: remove one of the two, or correct the tenant id or domain that points at the other's tenant",
    });
  }
}

function summarise(steps: readonly PlanStep[]): PlanSummary {
  const summary: PlanSummary = { byAction: {}, ready: 0, blocked: 0, waiting: 0, observe: 0, destructive: 0 };
  for (const step of steps) {
    summary[step.status] += 1;
    if (step.status === "ready") summary.byAction[step.action] = (summary.byAction[step.action] ?? 0) + 1;
    if (step.risk === "destructive" && step.status === "ready") summary.destructive += 1;
  }
  return summary;
}
