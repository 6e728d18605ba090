// Co-terminosity (NCE-RULES R-ADD-3): a purchase may end its first term early, on
// `customTermEndDate`, which must be the end date of one of the customer's active non-trial NCE
// subscriptions or the last day of a calendar month. Pure over the state.
import type { TermDuration } from "../../core/catalog.js";
import type { EmulatorState } from "../store/state.js";
import { termEnd } from "./terms.js";

/** The last instant of the UTC day `date` names. */
export function endOfDay(date: string | Date): Date {
  const d = new Date(date);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59));
}

function isMonthEnd(day: Date): boolean {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1)).getUTCDate() === 1;
}

function sameDay(a: Date, b: Date): boolean {
  return a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}

/** Why `customTermEndDate` cannot end a new `term` bought at `now`, or undefined when it can. */
export function customTermEndProblem(
  state: EmulatorState,
  customerId: string,
  term: TermDuration,
  isTrial: boolean,
  now: Date,
  customTermEndDate: string,
): string | undefined {
  if (isTrial) return "Trials cannot be co-termed.";
  const wanted = new Date(customTermEndDate);
  if (Number.isNaN(wanted.getTime())) return "customTermEndDate is not a date.";
  const end = endOfDay(wanted);
  if (end.getTime() <= now.getTime()) return "customTermEndDate must be in the future.";
  if (end.getTime() > termEnd(now, term).getTime())
    return "customTermEndDate cannot be later than the end of a full term; it can only shorten the first term.";
  const day = new Date(Date.UTC(wanted.getUTCFullYear(), wanted.getUTCMonth(), wanted.getUTCDate()));
  // Monthly terms cannot align to the 28th–30th unless that is the month's last day.
  if (term === "P1M" && day.getUTCDate() >= 28 && !isMonthEnd(day))
    return "A monthly term cannot end on the 28th to 30th unless that is the last day of the month.";
  if (isMonthEnd(day)) return undefined;
  for (const partner of Object.values(state.partners)) {
    for (const subscription of Object.values(partner.subscriptions)) {
      if (subscription.customerId !== customerId || subscription.status !== "active" || subscription.isTrial) continue;
      // Annual and triennial terms cannot co-term with a monthly subscription.
      if (subscription.termDuration === "P1M" && term !== "P1M") continue;
      if (sameDay(new Date(subscription.termEndDate), day)) return undefined;
    }
  }
  return "customTermEndDate must match the end date of an active non-trial subscription of the customer, or a calendar month end.";
}
