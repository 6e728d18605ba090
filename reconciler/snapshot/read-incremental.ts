// The read with a snapshot (docs/incremental-reads.md): the customers list is read as always; then
// each declared customer is either read in full (readActual's own per-customer read) or taken from
// the snapshot and checked: Partner Center's activity log since the customer's last read names it,
// a date it holds (a term end, a cancellation or seat-reduction window, a lifecycle step) has come,
// an order is still pending, its tenant's Graph users changed (a delta query from the snapshot's
// delta link), its GDAP relationships changed. Users that changed re-read the customer's users and
// licences; anything else named, due or uncertain (no snapshot entry, a declaration that reads more,
// an unreadable part, an expired delta link, an activity log that cannot be read or a record it does
// not understand, a read error, an entry older than the age limit) reads the customer in full.
import type { Customer } from "../../client/types.js";
import type { SensitiveValues } from "../../core/sensitive-values.js";
import type { DesiredCustomer } from "../model/desired-estate.js";
import { canonicalJson } from "../plan/canonical-json.js";
import type { PlanWarning } from "../plan/plan.js";
import type { ActualCustomer, ActualEstate } from "../read/actual-estate.js";
import {
  type CustomerRead,
  readActual,
  type ReadClient,
  readConsents,
  type ReadOptions,
  readDirectory,
  readGdap,
  readVerifiedDomains,
} from "../read/read-actual.js";
import { customersNamedByAuditLog, type AuditLogClient } from "./audit-changes.js";
import { dueSince } from "./due-dates.js";
import { readShape } from "./read-shape.js";
import { makeSnapshot, type Snapshot, type SnapshotCustomer, type SnapshotRefusal } from "./snapshot-file.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Default overlap of the activity-log window, for clock skew and records that appear late. */
const DEFAULT_OVERLAP_MS = HOUR_MS;
/** Default age after which a customer is read in full whatever the snapshot says. */
const DEFAULT_MAX_AGE_DAYS = 7;
/** Partner Center keeps 90 days of activity log: an entry older than that cannot be checked. */
const MAX_AGE_DAYS_LIMIT = 89;

export type SnapshotReadClient = ReadClient & AuditLogClient;

export type ReadMode = "full" | "incremental" | "snapshot";

/** How one declared customer was read, for the plan and the drift report. */
export interface CustomerReadMode {
  customer: string;
  mode: ReadMode;
  /** snake_case: why a full read (`audit_record`, `date_due`, `delta_expired`, …), or what was re-read. */
  reason: string;
  /** When the customer was last read in full (now, for a full read). */
  lastFullReadAt: string;
}

export interface SnapshotReadOptions extends Omit<ReadOptions, "now" | "customerReader"> {
  partnerTenantId: string;
  /** The snapshot to start from; undefined: every customer is read in full. */
  snapshot?: Snapshot;
  /** Why the snapshot file was not used (reported as a warning). */
  refusal?: SnapshotRefusal;
  /** `--full`: read every customer in full (the snapshot is still written). */
  full?: boolean;
  /** A customer last read in full longer ago than this is read in full (default 7, at most 89). */
  maxAgeDays?: number;
  overlapMs?: number;
  /** The service's time when the read starts. */
  now: Date;
  /** The client's Graph URL: delta links are kept relative to it. */
  graphUrl?: string;
  /** Values the estate read from `${env:}`: a customer holding one is not kept (read in full each time). */
  sensitive?: SensitiveValues;
}

export interface SnapshotRead {
  actual: ActualEstate;
  /** The snapshot to write: the customers read now, and the previous snapshot's other customers. */
  snapshot: Snapshot;
  reads: CustomerReadMode[];
  warnings: PlanWarning[];
}

export async function readWithSnapshot(
  client: SnapshotReadClient,
  desired: readonly DesiredCustomer[],
  options: SnapshotReadOptions,
): Promise<SnapshotRead> {
  const {
    snapshot: previous,
    refusal,
    full,
    maxAgeDays,
    overlapMs,
    now,
    graphUrl,
    partnerTenantId,
    sensitive,
    ...read
  } = options;
  const started = now.toISOString();
  const overlap = overlapMs ?? DEFAULT_OVERLAP_MS;
  const maxAgeMs = Math.min(maxAgeDays ?? DEFAULT_MAX_AGE_DAYS, MAX_AGE_DAYS_LIMIT) * DAY_MS;
  const warnings: PlanWarning[] = refusal
    ? [{ code: refusal.code, address: "snapshot", message: refusal.message }]
    : [];
  const entries = previous?.customers ?? {};
  const current = (entry: SnapshotCustomer): boolean => now.getTime() - Date.parse(entry.lastFullReadAt) <= maxAgeMs;
  let everything: string | undefined = full ? "full_requested" : previous === undefined ? "no_snapshot" : undefined;
  let named = new Map<string, number>();
  let namedDirectory = new Map<string, number>();
  if (everything === undefined) {
    const readAts = Object.values(entries)
      .filter(current)
      .map((e) => Date.parse(e.readAt));
    const since = readAts.length === 0 ? now.getTime() : Math.min(...readAts) - overlap;
    const log = await customersNamedByAuditLog(client, { since: new Date(since), until: now });
    if (log.kind === "uncertain") {
      everything = "activity_log_uncertain";
      warnings.push({ code: "snapshot.activity_log_uncertain", address: "snapshot", message: log.message });
    } else {
      named = log.newest;
      namedDirectory = log.newestDirectory;
    }
  }

  const reads: CustomerReadMode[] = [];
  const next: Record<string, SnapshotCustomer> = { ...entries };
  const readFullyWithDelta = async (
    found: Customer,
    d: DesiredCustomer,
    readFully: () => Promise<CustomerRead>,
    reason: string,
  ): Promise<CustomerRead> => {
    reads.push({ customer: d.name, mode: "full", reason, lastFullReadAt: started });
    const key = found.id.toLowerCase();
    delete next[key]; // kept only once read: a customer whose read fails is read in full next time
    // the delta link first: a change made during the read below is then in the next delta
    const deltaLink = keptLink(await startDelta(client, found.tenantId), graphUrl);
    const result = await readFully();
    next[key] = entryOf(d, result, { readAt: started, lastFullReadAt: started, deltaLink });
    return result;
  };

  const actual = await readActual(client, desired, {
    ...read,
    now: () => now,
    customerReader: async (found, d, readFully) => {
      const entry = entries[found.id.toLowerCase()];
      const why =
        everything ??
        whyReadFully(entry, d, {
          now,
          overlap,
          current,
          named: named.get(found.id.toLowerCase()) ?? named.get(found.tenantId.toLowerCase()),
        });
      if (why !== undefined || entry === undefined)
        return readFullyWithDelta(found, d, readFully, why ?? "new_customer");
      const since = Date.parse(entry.readAt) - overlap;
      const usersNamed =
        (namedDirectory.get(found.id.toLowerCase()) ?? namedDirectory.get(found.tenantId.toLowerCase()) ?? -Infinity) >=
        since;
      const checked = await checkFromSnapshot(client, found, d, entry, { graphUrl, usersNamed }).catch(
        (error: unknown) => ({
          fallback: (error as { code?: unknown }).code === "graph.delta_expired" ? "delta_expired" : "read_error",
        }),
      );
      if ("fallback" in checked) return readFullyWithDelta(found, d, readFully, checked.fallback);
      reads.push({
        customer: d.name,
        mode: checked.mode,
        reason: checked.reason,
        lastFullReadAt: entry.lastFullReadAt,
      });
      next[found.id.toLowerCase()] = entryOf(d, checked.read, {
        readAt: started,
        lastFullReadAt: entry.lastFullReadAt,
        deltaLink: keptLink(checked.deltaLink, graphUrl),
      });
      return checked.read;
    },
  });
  // the snapshot is a file like a saved plan: a value from ${env:} (a secret, as far as cspctl knows) is never in it
  if (sensitive !== undefined && sensitive.size > 0)
    for (const [key, entry] of Object.entries(next)) {
      const text = JSON.stringify(entry);
      if (sensitive.mask(text) !== text) delete next[key];
    }
  reads.sort((a, b) => (a.customer < b.customer ? -1 : 1));
  return { actual, snapshot: makeSnapshot(partnerTenantId, next), reads, warnings };
}

function entryOf(
  desired: DesiredCustomer,
  read: CustomerRead,
  times: { readAt: string; lastFullReadAt: string; deltaLink: string | null },
): SnapshotCustomer {
  return {
    name: desired.name,
    readShape: readShape(desired),
    ...times,
    customer: read.customer,
    unreadable: read.unreadable,
  };
}

/** Why a customer in the snapshot must be read in full, or undefined when its entry can be checked instead. */
function whyReadFully(
  entry: SnapshotCustomer | undefined,
  desired: DesiredCustomer,
  context: {
    now: Date;
    overlap: number;
    current: (entry: SnapshotCustomer) => boolean;
    named: number | undefined;
  },
): string | undefined {
  if (entry === undefined) return "new_customer";
  if (entry.readShape !== readShape(desired)) return "declaration_changed";
  if (entry.stale) return "applied_since";
  if (!context.current(entry)) return "snapshot_too_old";
  const c = entry.customer;
  if (entry.unreadable.length > 0 || c.subscriptions === null || c.users === null || c.subscribedSkus === null)
    return "unreadable_before";
  if (context.named !== undefined && context.named >= Date.parse(entry.readAt) - context.overlap) return "activity_log";
  if (c.promotions !== undefined) return "promotions_declared";
  const due = dueSince(c, Date.parse(entry.readAt) - context.overlap, context.now.getTime() + context.overlap);
  if (due !== undefined) return due;
  if (entry.deltaLink === null) return "no_delta_link";
  return undefined;
}

/** The customer from its snapshot entry, with what cannot be known without reading re-read. */
async function checkFromSnapshot(
  client: SnapshotReadClient,
  found: Customer,
  desired: DesiredCustomer,
  entry: SnapshotCustomer,
  { graphUrl, usersNamed }: { graphUrl: string | undefined; usersNamed: boolean },
): Promise<{ mode: ReadMode; reason: string; read: CustomerRead; deltaLink: string } | { fallback: string }> {
  // GDAP relationships and application consents are not in Partner Center's activity log: read every run
  const [changes, gdap, verifiedDomains, consents] = await Promise.all([
    client.graph.users.delta(found.tenantId, { deltaLink: followedLink(entry.deltaLink ?? "", graphUrl) }),
    (desired.gdap || desired.consents) && client.gdap ? readGdap(client.gdap, found.tenantId) : undefined,
    readVerifiedDomains(client, found, desired),
    readConsents(client, found.tenantId, desired),
  ]);
  // GDAP decides what may be read: a relationship that changed reads the whole customer again
  if (canonicalJson(gdap ?? null) !== canonicalJson(entry.customer.gdap ?? null)) return { fallback: "gdap_changed" };
  const customer: ActualCustomer = {
    ...entry.customer,
    id: found.id,
    domain: found.domain,
    companyName: found.companyName ?? found.domain,
    ...(verifiedDomains === undefined ? {} : { verifiedDomains }),
    ...(consents === undefined ? {} : { consents }),
  };
  if (!usersNamed && changes.changed.length === 0 && changes.removed.length === 0)
    return { mode: "snapshot", reason: "unchanged", read: { customer, unreadable: [] }, deltaLink: changes.deltaLink };
  const directory = await readDirectory(client, found, desired);
  return {
    mode: "incremental",
    reason: usersNamed ? "activity_log_users" : "users_changed",
    read: {
      customer: { ...customer, users: directory.users, subscribedSkus: directory.skus },
      unreadable: directory.unreadable,
    },
    deltaLink: changes.deltaLink,
  };
}

/** A delta link from now on for the tenant's users (the initial delta round, its users discarded); null when Graph gives none. */
async function startDelta(client: SnapshotReadClient, tenantId: string): Promise<string | null> {
  try {
    return (await client.graph.users.delta(tenantId)).deltaLink;
  } catch {
    return null;
  }
}

/**
 * Delta links are kept relative to the client's Graph URL and followed under it: a snapshot stays
 * usable when that URL's port changes (the embedded emulator's does on each run), and a link never
 * leads anywhere else (the client also refuses one off its Graph host).
 */
function keptLink(link: string | null, graphUrl: string | undefined): string | null {
  if (link === null || graphUrl === undefined) return link;
  const base = `${graphUrl.replace(/\/+$/, "")}/`;
  return link.startsWith(base) ? link.slice(base.length) : null;
}

function followedLink(kept: string, graphUrl: string | undefined): string {
  return graphUrl === undefined ? kept : `${graphUrl.replace(/\/+$/, "")}/${kept}`;
}
