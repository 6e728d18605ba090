// Pending findings from what Partner Center holds: trials converting or expiring, terms ending with
// auto-renew off, and scheduled next-term changes, each within the horizon. Declared and undeclared
// subscriptions alike; addresses come from the planner's own matching.
import { subscriptionAddress } from "../model/address.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchCustomer, matchSubscriptions } from "../plan/match.js";
import type { ActualEstate, ActualSubscription } from "../read/actual-estate.js";
import type { DriftFinding } from "./drift-report.js";
import { locateFinding, type Locate } from "./locate-finding.js";

const DAY_MS = 86_400_000;

export function pendingFindings(
  customers: readonly DesiredCustomer[],
  actual: ActualEstate,
  now: Date,
  horizonDays: number,
  locate: Locate | undefined,
): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const until = now.getTime() + horizonDays * DAY_MS;
  for (const desired of customers) {
    const have = matchCustomer(desired, actual.customers);
    if (have?.subscriptions == null) continue;
    const { matched } = matchSubscriptions(desired.address, desired.subscriptions, have.subscriptions);
    const nameOf = new Map([...matched].map(([name, s]) => [s.id, name]));
    for (const sub of have.subscriptions) {
      if (sub.status !== "active" || sub.termEndDate === null) continue;
      const ends = lastMoments(sub.termEndDate);
      if (!(ends.to >= now.getTime() && ends.from <= until)) continue;
      const name = nameOf.get(sub.id);
      const address = name ? subscriptionAddress(desired.name, name) : `${desired.address}/subscription:${sub.id}`;
      const event = describeEvent(sub);
      if (event === undefined) continue;
      const day = sub.termEndDate.slice(0, 10);
      findings.push({
        id: `pending:${address}#${event.kind}`,
        category: "pending",
        severity: "note",
        address,
        customer: desired.name,
        message: `${event.text} on ${day} (within ${horizonDays} days)`,
        before: {
          status: sub.status,
          autoRenew: sub.autoRenew,
          trial: sub.isTrial,
          termEndDate: sub.termEndDate,
          ...(sub.scheduledNextTerm ? { scheduledNextTerm: sub.scheduledNextTerm } : {}),
        },
        after: null,
        changedFields: [],
        fix: { note: event.fix },
        source: locateFinding(locate, address, event.field ? [event.field] : []),
      });
    }
  }
  return findings;
}

/**
 * Partner Center's commitmentEndDate is a date (written `2022-01-13` or `2022-01-13T00:00:00Z`): the
 * term ends during that day (commitmentEndDateTime `…T23:59:59Z`). It is within the window when that
 * day overlaps it: on its last day a term is still ending, not over.
 */
function lastMoments(termEndDate: string): { from: number; to: number } {
  const at = Date.parse(termEndDate);
  return /^\d{4}-\d\d-\d\d(T00:00:00(\.0+)?Z)?$/.test(termEndDate)
    ? { from: at, to: at + DAY_MS - 1 }
    : { from: at, to: at };
}

function describeEvent(
  sub: ActualSubscription,
): { kind: string; text: string; fix: string; field?: string } | undefined {
  if (sub.isTrial) {
    return sub.autoRenew
      ? {
          kind: "trial-converts",
          text: `trial ${sub.offerId} converts to a paid subscription${sub.scheduledNextTerm?.quantity ? ` of ${sub.scheduledNextTerm.quantity} seats` : ""}`,
          fix: "set trial.convert: never to let it expire, or keep it to start paying",
          field: "trial",
        }
      : {
          kind: "trial-expires",
          text: `trial ${sub.offerId} expires`,
          fix: "set trial.convert: auto (or now) to keep it",
          field: "trial",
        };
  }
  if (!sub.autoRenew)
    return {
      kind: "term-ends",
      text: `term of ${sub.offerId} (${sub.quantity} seats) ends with auto-renew off: the subscription expires`,
      fix: "set autoRenew: true to renew it, or let it end",
      field: "autoRenew",
    };
  if (sub.scheduledNextTerm)
    return {
      kind: "scheduled-change",
      text: `scheduled change ${JSON.stringify(sub.scheduledNextTerm)} takes effect at renewal`,
      fix: "change or remove renewal: in the estate before the term ends",
      field: "renewal",
    };
  return undefined;
}
