// GDAP findings of `cspctl drift`: a declared relationship that ends within `--gdap-expiry-days`
// without auto-extend (pending), and one that has expired or been terminated with no live
// successor (missing: the customer must approve a new one). Microsoft emails both sides 30, 7 and 1
// days ahead; drift tells the pipeline.
import type { DesiredCustomer } from "../model/desired-estate.js";
import { matchCustomer } from "../plan/match.js";
import { LIVE, PENDING } from "../plan/plan-gdap.js";
import type { ActualEstate } from "../read/actual-estate.js";
import type { DriftFinding } from "./drift-report.js";
import { locateFinding, type Locate } from "./locate-finding.js";

export const DEFAULT_GDAP_EXPIRY_DAYS = 30;
const DAY_MS = 86_400_000;
const ENDED = new Set(["expired", "terminated", "terminationRequested", "terminating"]);

export function gdapFindings(
  customers: readonly DesiredCustomer[],
  actual: ActualEstate,
  now: Date,
  expiryDays: number,
  locate: Locate | undefined,
): DriftFinding[] {
  const findings: DriftFinding[] = [];
  for (const desired of customers) {
    const gdap = desired.gdap;
    const relationships = matchCustomer(desired, actual.customers)?.gdap;
    if (gdap === undefined || relationships == null) continue;
    const address = `${desired.address}/gdap:${gdap.displayName}`;
    const mine = relationships.filter((r) => r.displayName.toLowerCase() === gdap.displayName.toLowerCase());
    const source = locateFinding(locate, address, []) ?? locateFinding(locate, desired.address, []);
    const base = { severity: "warning" as const, address, customer: desired.name, changedFields: [], source };
    const live = mine.find((r) => LIVE.has(r.status));
    if (live !== undefined) {
      if (live.autoExtend || live.endsAt === null) continue;
      const ends = Date.parse(live.endsAt);
      if (ends - now.getTime() > expiryDays * DAY_MS) continue;
      findings.push({
        ...base,
        id: `pending:${address}#gdap-expiring`,
        category: "pending",
        message: `the GDAP relationship "${live.displayName}" ends on ${live.endsAt.slice(0, 10)} (within ${expiryDays} days) and does not auto-extend`,
        before: { status: live.status, endsAt: live.endsAt, autoExtend: false },
        after: null,
        fix: {
          note: "set access.gdap.autoExtend: true (not with Global Administrator), or declare a new relationship for the customer to approve",
        },
      });
      continue;
    }
    const ended = mine.find((r) => ENDED.has(r.status));
    if (ended === undefined || mine.some((r) => PENDING.has(r.status))) continue;
    findings.push({
      ...base,
      id: `missing:${address}#gdap-${ended.status}`,
      category: "missing",
      message:
        ended.status === "expired"
          ? `the GDAP relationship "${ended.displayName}" expired${ended.endsAt ? ` on ${ended.endsAt.slice(0, 10)}` : ""}: the partner has no access through it`
          : `the GDAP relationship "${ended.displayName}" was terminated (${ended.status}): the partner has no access through it`,
      before: { status: ended.status, ...(ended.endsAt ? { endsAt: ended.endsAt } : {}) },
      after: null,
      fix: {
        note: "cspctl apply creates a new relationship (Microsoft requires a new one; a display name must be unique, so rename access.gdap.displayName) and the customer approves it",
      },
    });
  }
  return findings;
}
