// Secrets that apply creates (generated user passwords, a new tenant's first admin) go only to
// the file named by --credentials-out, created with mode 0600, and never to output, logs or plans.
import { closeSync, fstatSync, fsyncSync, openSync, writeSync } from "node:fs";
import { CspctlError } from "../../core/errors.js";

export interface CredentialRecord {
  address: string;
  userName: string;
  password: string;
  /**
   * "pending" is written before the write that sets the password, so a run killed after Partner
   * Center accepted it still leaves the password behind; "created" follows once the write succeeded.
   * "not-set": the password was never set: a soft-deleted user was restored instead (keeping its
   * previous password), or Partner Center refused the create. "superseded": the create lost a race
   * (409, the user exists, created by another run or in the admin center); this password was never
   * set, and the user's password is its creator's. The last line for an address is the one that counts.
   */
  status?: "pending" | "created" | "not-set" | "superseded";
}

export interface CredentialSink {
  record(credential: CredentialRecord): void;
  /** How many credentials were recorded (safe to print). */
  readonly count: number;
}

/** Appends one JSON line per credential to `path`, created 0600; an existing file readable by others is refused. */
export function fileCredentialSink(path: string): CredentialSink & { close(): void } {
  const fd = openSync(path, "a", 0o600);
  if ((fstatSync(fd).mode & 0o077) !== 0) {
    closeSync(fd);
    throw new CspctlError({
      code: "apply.credentials_file_mode",
      message: `${path} can be read by other users; credentials are only written to a file of mode 0600`,
      hint: `chmod 600 ${path}, or name a new file`,
    });
  }
  let count = 0;
  return {
    record(credential) {
      writeSync(fd, `${JSON.stringify(credential)}\n`);
      fsyncSync(fd);
      if (credential.status === undefined || credential.status === "created") count += 1;
    },
    get count() {
      return count;
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Without --credentials-out, generated secrets are kept in memory only, and the report says they were not saved. */
export function discardingCredentialSink(): CredentialSink & { readonly discarded: string[] } {
  const discarded: string[] = [];
  return {
    record(credential) {
      if (credential.status === undefined || credential.status === "created") discarded.push(credential.address);
    },
    get count() {
      return 0;
    },
    discarded,
  };
}
