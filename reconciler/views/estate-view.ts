// `cspctl show estate`: every declared customer with its seat use, monthly cost and drift status,
// from one drift run (the same read → plan as `cspctl drift`; no second engine). Plain data.
import type { DesiredEstate } from "../model/desired-estate.js";
import { driftEstate, type DriftEstateOptions } from "../drift/drift-estate.js";
import type { DriftReport } from "../drift/drift-report.js";
import { sum } from "../drift/utilisation.js";
import type { ViewClient } from "./customer-view.js";

export interface EstateCustomerRow {
  name: string;
  domain: string;
  seats: { purchased: number; assigned: number; unused: number };
  /** Sum of purchased seats × monthly unit price; null when a subscription has no price ("no prices"). */
  monthlyCost: number | null;
  /** `drift` when a finding of the failing categories is present, `unknown` when part could not be read. */
  drift: "none" | "drift" | "unknown";
  findings: number;
}

export interface EstateView {
  generatedAt: string;
  customers: EstateCustomerRow[];
  totals: { purchased: number; assigned: number; unused: number; monthlyCost: number | null };
}

export async function readEstateView(
  client: ViewClient,
  estate: DesiredEstate,
  options: DriftEstateOptions = {},
): Promise<EstateView> {
  // Authors are not shown here, so the activity log is not read.
  return estateViewOf(await driftEstate(client, estate, { ...options, auditDays: 0 }), estate);
}

export function estateViewOf(report: DriftReport, estate: DesiredEstate): EstateView {
  const customers = report.customers.map((name): EstateCustomerRow => {
    const declared = estate.customers.find((c) => c.name === name);
    const usage = report.utilisation.find((u) => u.customer === name);
    const findings = report.findings.filter((f) => f.customer === name);
    const prices = usage?.subscriptions.map((s) => (s.unitPrice === null ? null : s.unitPrice * s.purchased)) ?? [];
    return {
      name,
      domain: declared?.company.domain ?? "",
      seats: { purchased: usage?.purchased ?? 0, assigned: usage?.assigned ?? 0, unused: usage?.unused ?? 0 },
      monthlyCost: prices.length > 0 && prices.every((p) => p !== null) ? prices.reduce((a, b) => a! + b!, 0) : null,
      drift: findings.some((f) => f.category === "unknown")
        ? "unknown"
        : findings.some((f) => report.failOn.includes(f.category))
          ? "drift"
          : "none",
      findings: findings.filter((f) => f.category !== "utilisation").length,
    };
  });
  const costs = customers.map((c) => c.monthlyCost);
  return {
    generatedAt: report.generatedAt,
    customers,
    totals: {
      purchased: sum(customers.map((c) => c.seats.purchased)),
      assigned: sum(customers.map((c) => c.seats.assigned)),
      unused: sum(customers.map((c) => c.seats.unused)),
      monthlyCost: costs.length > 0 && costs.every((c) => c !== null) ? sum(costs as number[]) : null,
    },
  };
}
