// The JSON files in which cspctl keeps what Partner Center cannot tell it (invitations it sent,
// consents it granted): `{ kind, <list>: [...] }`, private, written to a temporary file and renamed,
// so a kill never leaves half a file. A missing file is an empty record.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ErrorCode } from "../../core/error-codes.js";
import { CspctlError } from "../../core/errors.js";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";

export interface RecordFileKind {
  /** The file's `kind`, e.g. `cspctl-invitations`. */
  kind: string;
  /** The name of its list field. */
  list: string;
  /** What the file is called in messages, e.g. `invitation log`. */
  what: string;
  unreadable: { code: ErrorCode; hint: string };
}

export function readRecordFile<T>(path: string, file: RecordFileKind): T[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const records = parsed[file.list];
    if (parsed.kind !== file.kind || !Array.isArray(records)) throw new Error(`not a ${file.what}`);
    return records as T[];
  } catch (cause) {
    throw new CspctlError({
      code: file.unreadable.code,
      message: `${path} is not a cspctl ${file.what}`,
      hint: file.unreadable.hint,
      cause,
    });
  }
}

export function writeRecordFile<T>(path: string, file: RecordFileKind, records: readonly T[]): void {
  ensurePrivateDir(dirname(path));
  writePrivateFile(path, `${JSON.stringify({ kind: file.kind, [file.list]: records }, null, 2)}\n`);
}
