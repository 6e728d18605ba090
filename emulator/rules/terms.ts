// Term arithmetic for NCE subscriptions. Pure functions over ISO strings and Dates.
import type { TermDuration } from "../../core/catalog.js";

const HOUR_MS = 3_600_000;

export function addHours(iso: string | Date, hours: number): Date {
  return new Date(new Date(iso).getTime() + hours * HOUR_MS);
}

export function addDays(iso: string | Date, days: number): Date {
  return addHours(iso, days * 24);
}

/** Adds whole calendar months in UTC, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
function addMonths(iso: string | Date, months: number): Date {
  const start = new Date(iso);
  const target = new Date(
    Date.UTC(
      start.getUTCFullYear(),
      start.getUTCMonth() + months,
      1,
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
}

function termMonths(term: TermDuration): number {
  return term === "P1M" ? 1 : term === "P1Y" ? 12 : 36;
}

/**
 * Last instant of a term that starts at `start`: the end of the UTC day before the same date one
 * term later (bought 2021-01-14 → commitmentEndDateTime 2022-01-13T23:59:59Z, as in Microsoft's
 * subscription sample; NCE-RULES R-REN-2: end dates include their whole UTC day).
 */
export function termEnd(start: string | Date, term: TermDuration): Date {
  const next = addMonths(start, termMonths(term));
  return new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate() - 1, 23, 59, 59));
}

/** Renewal starts 00:00 UTC the day after the term's last day (R-REN-2). */
export function renewalStart(termEndDate: string): Date {
  return new Date(new Date(termEndDate).getTime() + 1000);
}

/** Longer-or-equal ordering of terms: mid-term the term may only get longer (R-TERM-4). */
export function isTermLonger(from: TermDuration, to: TermDuration): boolean {
  return termMonths(to) > termMonths(from);
}

/** `YYYY-MM-DDT00:00:00Z` of an instant: how `commitmentEndDate` is written. */
export function dateOnly(iso: string | Date): string {
  const d = new Date(iso);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString().replace(".000Z", "Z");
}

/**
 * A timestamp as Partner Center and Graph print one (.NET's round-trip form): UTC with `Z`, fraction
 * digits trimmed of trailing zeros and none at all when zero (`…T21:28:19.3Z`, `…T00:00:00Z`).
 */
export function wireTimestamp(iso: string | Date): string {
  return new Date(iso).toISOString().replace(/\.?0+Z$/, "Z");
}
