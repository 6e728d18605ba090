// Invoices from the ledger: every charge lands on the invoice of the partner's billing period that
// holds its instant. A period runs from the partner's billing cycle day to the day before it next
// month (R-BIL-5); it is invoiced the moment it closes on the emulator clock, and until then its
// charges are unbilled. Pure over the state, the catalog and `now`.
import { createHash } from "node:crypto";
import type { Catalog } from "../../core/catalog.js";
import { addMonths } from "../rules/terms.js";
import type { EmulatorState, PartnerRecord } from "../store/state.js";
import { type Charge, ledger } from "./ledger.js";

export interface BillingPeriod {
  start: Date;
  /** First instant of the next period. */
  next: Date;
  /** `YYYYMM` of the period's start. */
  month: string;
}

export interface PeriodCharges {
  period: BillingPeriod;
  charges: Charge[];
  totalCents: number;
}

export interface InvoiceRecord extends PeriodCharges {
  id: string;
}

export interface PartnerLedger {
  /** Closed periods with charges, oldest first. */
  invoices: InvoiceRecord[];
  /** The open period (its charges so far). */
  current: PeriodCharges;
  /** The period before the open one; always invoiced already, so never unbilled. */
  previous: BillingPeriod;
  /** Until this instant (ms) the clock alone changes nothing above: no charge falls due, no period closes. */
  validUntil: number;
}

/** The billing period holding `at` for a partner whose periods start on `cycleDay` (1–28). */
function billingPeriodOf(at: Date, cycleDay: number): BillingPeriod {
  let start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), cycleDay));
  if (start.getTime() > at.getTime()) start = addMonths(start, -1);
  return periodFrom(start);
}

function periodFrom(start: Date): BillingPeriod {
  const month = `${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
  return { start, next: addMonths(start, 1), month };
}

/** `G` and nine digits: the period's month and three digits of the partner (G202611042). */
function invoiceId(partnerTenantId: string, period: BillingPeriod): string {
  const digest = createHash("sha256").update(partnerTenantId.toLowerCase()).digest();
  return `G${period.month}${String(digest.readUInt16BE(0) % 1000).padStart(3, "0")}`;
}

export function partnerLedger(partner: PartnerRecord, catalog: Catalog, now: Date, cycleDay: number): PartnerLedger {
  const current = billingPeriodOf(now, cycleDay);
  const byPeriod = new Map<string, PeriodCharges>();
  const { charges, until } = ledger(Object.values(partner.subscriptions), catalog, now);
  for (const charge of charges) {
    const period = billingPeriodOf(new Date(charge.at), cycleDay);
    let entry = byPeriod.get(period.month);
    if (entry === undefined) {
      entry = { period, charges: [], totalCents: 0 };
      byPeriod.set(period.month, entry);
    }
    entry.charges.push(charge);
    entry.totalCents += charge.subtotalCents;
  }
  const invoices: InvoiceRecord[] = [];
  for (const entry of byPeriod.values())
    if (entry.period.next.getTime() <= now.getTime())
      invoices.push({ ...entry, id: invoiceId(partner.tenantId, entry.period) });
  invoices.sort((a, b) => a.period.start.getTime() - b.period.start.getTime());
  return {
    invoices,
    current: byPeriod.get(current.month) ?? { period: current, charges: [], totalCents: 0 },
    previous: periodFrom(addMonths(current.start, -1)),
    validUntil: Math.min(until, current.next.getTime()),
  };
}

/** Customer name, domain and country for recon rows. */
export function customerFacts(
  state: EmulatorState,
  partner: PartnerRecord,
  customerId: string,
): { name: string; domain: string; country: string } {
  const tenant = state.tenants[customerId];
  const customer = partner.customers[customerId];
  return {
    name: tenant?.companyName ?? customer?.billingProfile.companyName ?? "",
    domain: tenant?.defaultDomain ?? "",
    country: customer?.billingProfile.defaultAddress.country ?? "US",
  };
}
