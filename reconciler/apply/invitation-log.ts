// Partner Center cannot say whether a reseller invitation was sent or is still open (Partner Center docs: customer-resources; the
// link is reusable and acceptance is not observable), so cspctl keeps its own record of the links
// it handed out: one JSON file. A link-mode customer with a record is "waiting for acceptance"
// rather than "to invite"; once the tenant shows up in the customer list, the record no longer matters.
import type { PendingInvitation } from "../read/actual-estate.js";
import { type RecordFileKind, readRecordFile, writeRecordFile } from "./record-file.js";

export interface InvitationRecord extends PendingInvitation {
  /** The customer's metadata.name. */
  customer: string;
  sentAt: string;
}

const INVITATION_LOG: RecordFileKind = {
  kind: "cspctl-invitations",
  list: "invitations",
  what: "invitation log",
  unreadable: {
    code: "apply.invitation_log_unreadable",
    hint: "move the file away; cspctl will show the invitation links again",
  },
};

export function readInvitationLog(path: string): InvitationRecord[] {
  return readRecordFile<InvitationRecord>(path, INVITATION_LOG);
}

/** Records (or replaces) the invitation of one customer; written to a temporary file and renamed, so a kill never leaves half a file. */
export function recordInvitation(path: string, record: InvitationRecord): void {
  const others = readInvitationLog(path).filter((r) => r.customer !== record.customer);
  writeRecordFile(path, INVITATION_LOG, [...others, record]);
}
