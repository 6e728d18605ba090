// Neither Partner Center nor the customer tenant's Graph says who granted an application consent
// (Partner Center's activity log has no consent operation), so cspctl keeps its own record of the
// consents it granted, changed and removed: one JSON file in the state directory, one entry per
// customer and application, the latest first-hand fact about it (docs/gdap-and-consent.md).
import type { StepOutcome } from "./apply-report.js";
import { type RecordFileKind, readRecordFile, writeRecordFile } from "./record-file.js";

export interface ConsentRecord {
  /** The customer's metadata.name. */
  customer: string;
  applicationId: string;
  /** What this run did: granted (or granted again with other scopes), or removed. */
  state: "granted" | "removed";
  scopes: string[];
  at: string;
  /** The run's correlation id (MS-CorrelationId of its requests). */
  runId: string;
}

const CONSENT_LOG: RecordFileKind = {
  kind: "cspctl-consents",
  list: "consents",
  what: "consent log",
  unreadable: {
    code: "apply.consent_log_unreadable",
    hint: "move the file away; cspctl starts a new record with the next consent it grants or removes",
  },
};

export function readConsentLog(path: string): ConsentRecord[] {
  return readRecordFile<ConsentRecord>(path, CONSENT_LOG);
}

/** Records what an applied consent step did; written to a temporary file and renamed. Other outcomes are ignored. */
export function recordConsent(path: string, outcome: StepOutcome, runId: string, at: Date): void {
  if (outcome.outcome !== "applied" || typeof outcome.detail?.applicationId !== "string") return;
  const removed = outcome.action === "delete-consent";
  if (!removed && outcome.action !== "create-consent" && outcome.action !== "update-consent") return;
  const record: ConsentRecord = {
    customer: outcome.customer,
    applicationId: outcome.detail.applicationId,
    state: removed ? "removed" : "granted",
    scopes: removed || !Array.isArray(outcome.detail.scopes) ? [] : outcome.detail.scopes.map(String),
    at: at.toISOString(),
    runId,
  };
  const others = readConsentLog(path).filter(
    (r) => r.customer !== record.customer || r.applicationId !== record.applicationId,
  );
  writeRecordFile(path, CONSENT_LOG, [...others, record]);
}
