// The snapshot of actual state: what the last read found, per customer, with when it was current,
// when it was last read in full and its tenant's Graph delta link. The incremental read starts from
// it (read-incremental.ts). One plain JSON file in the state directory (`snapshot.json`), so a CI job
// can cache it between runs. It holds customer data (names, e-mail addresses) but no secret: no
// token, password or credential (a delta link is a Graph URL whose opaque token only means "changes
// since"; it grants nothing without a token of its own). It is still written 0600 in a 0700 folder,
// atomically (a temporary file renamed over the old one), so a run killed while writing leaves the
// previous snapshot whole. On load it is checked: its format, its partner tenant and its fingerprint
// (a SHA-256 of its content); a snapshot that fails a check is refused and everything is read fully.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ErrorCode } from "../../core/error-codes.js";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";
import { canonicalJson } from "../plan/canonical-json.js";
import type { ActualCustomer, UnknownRead } from "../read/actual-estate.js";

export const SNAPSHOT_FORMAT = "cspctl.snapshot";
export const SNAPSHOT_FORMAT_VERSION = 1;
/** The snapshot's file name in the state directory (`.cspctl/snapshot.json` by default). */
const SNAPSHOT_FILE_NAME = "snapshot.json";

/** One customer as the last read left it. */
export interface SnapshotCustomer {
  /** The declared customer's metadata.name. */
  name: string;
  /** A hash of what the declaration asks to read (readShape): when it changes, the customer is read fully. */
  readShape: string;
  /** The service's time when the read this data is current for began. */
  readAt: string;
  /** The service's time when the customer was last read in full. */
  lastFullReadAt: string;
  /** The Graph delta link of the tenant's users, relative to the client's Graph URL; null when there is none. */
  deltaLink: string | null;
  /** Set when apply wrote to the customer after the read: the next read of it is full. */
  stale?: true;
  customer: ActualCustomer;
  /** Parts of the customer that could not be read (a customer with any is read fully next time). */
  unreadable: UnknownRead[];
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** The partner tenant the snapshot was read from. */
  partnerTenantId: string;
  /** Keyed by Partner Center customer id, lower-cased. */
  customers: Record<string, SnapshotCustomer>;
  /** SHA-256 of the canonical JSON of everything else in the snapshot. */
  fingerprint: string;
}

/** Why a snapshot file was not used: a code, and a message that says a full read follows. */
export interface SnapshotRefusal {
  code: ErrorCode;
  message: string;
}

export type LoadedSnapshot =
  | { kind: "loaded"; snapshot: Snapshot }
  | { kind: "missing" }
  | { kind: "refused"; refusal: SnapshotRefusal };

/** The snapshot's path in a state directory. */
export function snapshotPath(stateDir: string): string {
  return join(stateDir, SNAPSHOT_FILE_NAME);
}

/** The snapshot of `partnerTenantId` at `file`: missing, loaded, or refused with the reason. Never throws. */
export function loadSnapshot(file: string, partnerTenantId: string): LoadedSnapshot {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return refuse("snapshot.unreadable", `${file} could not be read (${describe(error)})`);
  }
  let parsed: Partial<Snapshot>;
  try {
    parsed = JSON.parse(text) as Partial<Snapshot>;
  } catch (error) {
    return refuse("snapshot.corrupt", `${file} is not valid JSON (${describe(error)})`);
  }
  if (typeof parsed !== "object" || parsed === null || parsed.format !== SNAPSHOT_FORMAT)
    return refuse("snapshot.unsupported_format", `${file} is not a cspctl snapshot`);
  if (parsed.formatVersion !== SNAPSHOT_FORMAT_VERSION)
    return refuse(
      "snapshot.unsupported_format",
      `${file} has snapshot format ${JSON.stringify(parsed.formatVersion)}; this cspctl reads format ${SNAPSHOT_FORMAT_VERSION}`,
    );
  if (typeof parsed.customers !== "object" || parsed.customers === null || typeof parsed.fingerprint !== "string")
    return refuse("snapshot.corrupt", `${file} lacks its customers or its fingerprint`);
  if (fingerprintSnapshot(parsed as Snapshot) !== parsed.fingerprint)
    return refuse(
      "snapshot.corrupt",
      `${file} does not match its fingerprint (changed or cut short since it was written)`,
    );
  if (String(parsed.partnerTenantId).toLowerCase() !== partnerTenantId.toLowerCase())
    return refuse(
      "snapshot.other_partner",
      `${file} was read from partner tenant ${JSON.stringify(parsed.partnerTenantId)}, not from ${partnerTenantId}`,
    );
  return { kind: "loaded", snapshot: parsed as Snapshot };
}

/** A snapshot of these customers, fingerprinted. */
export function makeSnapshot(partnerTenantId: string, customers: Record<string, SnapshotCustomer>): Snapshot {
  const body = { format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION, partnerTenantId, customers } as const;
  return { ...body, fingerprint: fingerprintSnapshot(body) };
}

/** Writes the snapshot atomically, 0600 in a 0700 folder. */
export function writeSnapshot(file: string, snapshot: Snapshot): void {
  ensurePrivateDir(dirname(file));
  writePrivateFile(file, `${JSON.stringify(snapshot)}\n`);
}

/**
 * Marks the named customers of the snapshot for a full read (apply is about to write to them). A
 * snapshot that cannot be loaded is left alone: it is refused, and everything read in full, anyway.
 */
export function markStale(file: string, partnerTenantId: string, names: readonly string[]): void {
  const loaded = loadSnapshot(file, partnerTenantId);
  if (loaded.kind !== "loaded" || names.length === 0) return;
  const wanted = new Set(names);
  const customers = Object.fromEntries(
    Object.entries(loaded.snapshot.customers).map(([id, entry]) => [
      id,
      wanted.has(entry.name) ? { ...entry, stale: true as const } : entry,
    ]),
  );
  writeSnapshot(file, makeSnapshot(loaded.snapshot.partnerTenantId, customers));
}

function fingerprintSnapshot(snapshot: Omit<Snapshot, "fingerprint"> & { fingerprint?: string }): string {
  const { fingerprint: _ignored, ...body } = snapshot;
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function refuse(code: ErrorCode, message: string): LoadedSnapshot {
  return {
    kind: "refused",
    refusal: { code, message: `${message}: it is not used, and every customer is read in full` },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
