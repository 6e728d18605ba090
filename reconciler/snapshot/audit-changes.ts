// Which customers Partner Center's activity log says changed since a time: every record that names
// a customer counts (any operation, succeeded, failed or in progress: a read costs less than a miss).
// Records of users and licence assignments (customer_user, license) are told apart: they change only
// the customer's users and licence counts, which the incremental read re-reads on their own.
// A record that names no customer is understood only for resources that hold nothing cspctl reads
// (partner users, applications, invoices, …); any other one, or a log that cannot be read to the end,
// makes the read uncertain, and everything is then read in full.
import type { AuditRecordQuery } from "../../client/partner-center.js";
import type { AuditRecord } from "../../client/types.js";

export interface AuditLogClient {
  partnerCenter: { auditRecords: { list(query: AuditRecordQuery): AsyncIterable<AuditRecord> } };
}

/** Partner-level resource types (Partner Center docs: auditing-resources) that change nothing of a customer cspctl reads. */
const PARTNER_ONLY = new Set([
  "application",
  "application_credential",
  "partner_user",
  "mpn_association",
  "referral",
  "software_key",
  "software_download_link",
  "software_page",
  "invoice",
  "agreement",
  "credit",
  "spending_limit",
]);

/** Resource types whose changes are the customer's users and licence assignments. */
const DIRECTORY = new Set(["customer_user", "license"]);

export type AuditChanges =
  | {
      kind: "known";
      /** The newest change time (ms) per customer id (lower case), of any other resource. */
      newest: Map<string, number>;
      /** The same, of users and licence assignments only. */
      newestDirectory: Map<string, number>;
    }
  | { kind: "uncertain"; message: string };

/** The newest change times per customer in the log from `since` to `until`. */
export async function customersNamedByAuditLog(
  client: AuditLogClient,
  window: { since: Date; until: Date },
): Promise<AuditChanges> {
  const newest = new Map<string, number>();
  const newestDirectory = new Map<string, number>();
  const since = window.since.getTime();
  try {
    for await (const record of client.partnerCenter.auditRecords.list({ start: window.since, end: window.until })) {
      const at = Date.parse(record.date);
      if (at < since) continue;
      const customerId = record.customerId?.toLowerCase();
      if (customerId === undefined || customerId === "") {
        if (PARTNER_ONLY.has(record.resourceType.toLowerCase())) continue;
        return {
          kind: "uncertain",
          message: `the activity log has a ${record.operationType} record of a ${record.resourceType} that names no customer, so it cannot tell which customer changed: every customer is read in full`,
        };
      }
      const times = DIRECTORY.has(record.resourceType.toLowerCase()) ? newestDirectory : newest;
      times.set(customerId, Math.max(times.get(customerId) ?? at, Number.isNaN(at) ? Infinity : at));
    }
  } catch (error) {
    return {
      kind: "uncertain",
      message: `the activity log could not be read (${error instanceof Error ? error.message : String(error)}): every customer is read in full`,
    };
  }
  return { kind: "known", newest, newestDirectory };
}
