// Who changed a drifted object, and when: the newest Partner Center activity-log record of that
// object, read only for customers with findings and only over a bounded window (the last
// DEFAULT_AUDIT_DAYS days, never more than Partner Center's 90), one filtered query per customer.
// Where the log has nothing (an older change, a log that cannot be read), the finding says nothing:
// no author is guessed. A log that cannot be read becomes a warning, never a failed drift run.
import type { AuditRecord } from "../../client/types.js";
import type { AuditRecordQuery } from "../../client/partner-center.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import type { Plan } from "../plan/plan.js";
import type { ActualEstate } from "../read/actual-estate.js";
import type { DriftAuthor, DriftFinding, DriftReport } from "./drift-report.js";

const DEFAULT_AUDIT_DAYS = 30;
/** Partner Center keeps 90 days and refuses a start further back. */
const MAX_AUDIT_DAYS = 90;
const DAY_MS = 86_400_000;

export interface AuditClient {
  partnerCenter: { auditRecords: { list(query: AuditRecordQuery): AsyncIterable<AuditRecord> } };
}

export interface AuditAuthorsInput {
  report: DriftReport;
  plan: Plan;
  actual: ActualEstate;
  customers: readonly DesiredCustomer[];
}

/** The categories whose objects someone changed, created or removed in Partner Center. */
const AUTHORED = new Set(["changed", "unmanaged", "missing"]);

/** Field names of the estate that Partner Center's resources spell otherwise. */
const WIRE_FIELD: Record<string, string> = {
  autoRenew: "autoRenewEnabled",
  term: "termDuration",
  billing: "billingCycle",
  state: "status",
};

export async function attachAuthors(
  client: AuditClient,
  input: AuditAuthorsInput,
  options: { now: Date; days?: number },
): Promise<DriftReport> {
  const days = Math.min(Math.max(options.days ?? DEFAULT_AUDIT_DAYS, 0), MAX_AUDIT_DAYS);
  if (days === 0) return input.report;
  const targets = findingTargets(input);
  const customerIds = [...new Set([...targets.values()].map((t) => t.customerId))];
  if (customerIds.length === 0) return input.report;
  const start = new Date(options.now.getTime() - days * DAY_MS);
  const newest = new Map<string, AuditRecord>();
  const warnings = [...input.report.warnings];
  for (const customerId of customerIds) {
    try {
      for await (const record of client.partnerCenter.auditRecords.list({
        start,
        end: options.now,
        filter: { field: "CustomerId", value: customerId },
      })) {
        if (record.status === "failed") continue;
        for (const objectId of objectIdsOf(record)) {
          const key = `${customerId} ${objectId}`;
          // Newest first: the first record of an object is its last change.
          if (!newest.has(key)) newest.set(key, record);
        }
      }
    } catch (error) {
      warnings.push({
        code: "drift.audit_unavailable",
        address: customerId,
        message: `the activity log of customer ${customerId} could not be read, so its findings name no author: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  const findings = input.report.findings.map((finding): DriftFinding => {
    const target = targets.get(finding.id);
    const record = target === undefined ? undefined : newest.get(`${target.customerId} ${target.objectId}`);
    return record === undefined ? finding : { ...finding, lastChange: authorOf(record, finding) };
  });
  return { ...input.report, findings, warnings };
}

/** The Partner Center customer and object id behind each finding that someone may have authored. */
function findingTargets(input: AuditAuthorsInput): Map<string, { customerId: string; objectId: string }> {
  const steps = new Map(input.plan.steps.map((step) => [step.id, step]));
  const customerIdOf = (name: string | null): string | undefined => {
    const declared = input.customers.find((c) => c.name === name);
    if (declared === undefined) return undefined;
    const linked = declared.tenant.mode === "link" ? declared.tenant.id?.toLowerCase() : undefined;
    return input.actual.customers.find(
      (c) => c.id.toLowerCase() === linked || c.domain.toLowerCase() === declared.company.domain.toLowerCase(),
    )?.id;
  };
  const targets = new Map<string, { customerId: string; objectId: string }>();
  for (const finding of input.report.findings) {
    if (!AUTHORED.has(finding.category)) continue;
    const target = finding.fix.step === undefined ? undefined : steps.get(finding.fix.step.id)?.target;
    const detailId = typeof finding.before?.["id"] === "string" ? finding.before["id"] : undefined;
    const customerId = target?.customerId ?? customerIdOf(finding.customer);
    const objectId = target?.subscriptionId ?? target?.userId ?? detailId ?? target?.customerId;
    if (customerId !== undefined && objectId !== undefined)
      targets.set(finding.id, { customerId: customerId.toLowerCase(), objectId: objectId.toLowerCase() });
  }
  return targets;
}

/** The objects a record is about: the resource's id, the user of a licence change, an order's subscriptions. */
function objectIdsOf(record: AuditRecord): string[] {
  const ids: string[] = [];
  const id = record.newValue?.["id"] ?? record.oldValue?.["id"];
  if (typeof id === "string") ids.push(id);
  for (const [key, value] of Object.entries(record.details))
    if (value !== null && (key === "CustomerUserId" || key.startsWith("SubscriptionId-"))) ids.push(value);
  if (record.resourceType === "customer" && record.customerId !== undefined) ids.push(record.customerId);
  return ids.map((value) => value.toLowerCase());
}

function authorOf(record: AuditRecord, finding: DriftFinding): DriftAuthor {
  return {
    by: record.user ?? null,
    via: record.application ?? null,
    at: record.date,
    operation: record.operationType,
    change: changeText(record, finding),
  };
}

/** `quantity 3 → 7` for the finding's fields the record's old and new values both hold. */
function changeText(record: AuditRecord, finding: DriftFinding): string | null {
  if (record.oldValue === undefined || record.newValue === undefined) return null;
  const parts: string[] = [];
  for (const field of finding.changedFields) {
    const key = field.replace(/^billing\.|^company\./, "");
    const wire = WIRE_FIELD[key] ?? key;
    const before = record.oldValue[wire];
    const after = record.newValue[wire];
    if (before === undefined || after === undefined || JSON.stringify(before) === JSON.stringify(after)) continue;
    parts.push(`${key} ${scalar(before)} → ${scalar(after)}`);
  }
  return parts.length > 0 ? parts.join(", ") : null;
}

function scalar(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `quantity 3 → 7 by tech@partner.example via Partner Center, 2026-12-02 14:03` (UTC). */
export function describeAuthor(author: DriftAuthor): string {
  const who = author.by ?? (author.via === null ? "an unnamed caller" : "an application");
  const via =
    author.via === null ? "" : ` via ${/^[0-9a-f-]{36}$/i.test(author.via) ? `application ${author.via}` : author.via}`;
  const when = `${author.at.slice(0, 10)} ${author.at.slice(11, 16)} UTC`;
  return `${author.change ?? author.operation.replaceAll("_", " ")} by ${who}${via}, ${when}`;
}
