// Partner Center cannot say whether a reseller invitation was sent or is still open (Partner Center docs: customer-resources; the
// link is reusable and acceptance is not observable), so cspctl keeps its own record of the links
// it handed out: one JSON file. A link-mode customer with a record is "waiting for acceptance"
// rather than "to invite"; once the tenant shows up in the customer list, the record no longer matters.
import { readFileSync } from "node:fs";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";
import { dirname } from "node:path";
import { CspctlError } from "../../core/errors.js";
import type { PendingInvitation } from "../read/actual-estate.js";

export interface InvitationRecord extends PendingInvitation {
  /** The customer's metadata.name. */
  customer: string;
  sentAt: string;
}

interface InvitationFile {
  kind: "cspctl-invitations";
  invitations: InvitationRecord[];
}

export function readInvitationLog(path: string): InvitationRecord[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<InvitationFile>;
    if (parsed.kind !== "cspctl-invitations" || !Array.isArray(parsed.invitations))
      throw new Error("not an invitation log");
    return parsed.invitations;
  } catch (cause) {
    throw new CspctlError({
      code: "apply.invitation_log_unreadable",
      message: `${path} is not a cspctl invitation log`,
      hint: "move the file away; cspctl will show the invitation links again",
      cause,
    });
  }
}

/** Records (or replaces) the invitation of one customer; written to a temporary file and renamed, so a kill never leaves half a file. */
export function recordInvitation(path: string, record: InvitationRecord): void {
  const others = readInvitationLog(path).filter((r) => r.customer !== record.customer);
  const file: InvitationFile = { kind: "cspctl-invitations", invitations: [...others, record] };
  ensurePrivateDir(dirname(path));
  writePrivateFile(path, `${JSON.stringify(file, null, 2)}\n`);
}
