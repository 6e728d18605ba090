// GET /users/delta for a customer tenant (Microsoft Graph docs: user-delta, delta-query-users,
// delta-query-overview). A round of change tracking starts without a token (every active user) or
// from a `$deltatoken`; its pages follow `@odata.nextLink` (`$skiptoken`) and the last page carries
// `@odata.deltaLink` (`$deltatoken`). A token names a round kept in the tenant's record: the users
// active when it began and a fingerprint of their selected properties. Following one compares that
// with the users now, so every way a user changes (Graph, Partner Center, the control API, due work)
// shows without each writer having to say so, and rounds survive --emulator-dir restarts.
import { createHash, randomBytes } from "node:crypto";
import { EmulatorHttpError, graphError } from "../errors.js";
import type { EmulatorRequest, Handler } from "../pipeline/types.js";
import { own, type Store } from "../store/memory-store.js";
import type { DirectoryUserRecord, TenantRecord, UserDeltaRoundRecord } from "../store/state.js";
import { graphUserView, selectProperties } from "./graph-views.js";
import { graphTenant, readUserSelect, refuseQueryOptions } from "./graph.js";
import { ok } from "./shared.js";

/** Users per page (Graph's page size for users/delta is its own; `$top` is not supported there). */
const DELTA_PAGE_SIZE = 100;
/** Delta tokens of directory objects expire after seven days (delta-query-overview: token duration). */
const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Rounds kept per tenant beyond which the oldest is forgotten (its token then answers 410). */
const MAX_ROUNDS = 20;
/** delta-query-overview: `$expand`, `$top` and `$orderby` are not supported on users; `$filter` only by id. */
const UNSUPPORTED = ["$filter", "$search", "$orderby", "$expand", "$count", "$skip", "$top"];

/** A round's mark for a soft-deleted user (restorable for 30 days), in place of a fingerprint. */
const SOFT_DELETED = "soft-deleted";

interface Entry {
  id: string;
  /** undefined: the user is active and listed with its properties. */
  removed?: "changed" | "deleted";
}

export function graphUsersDelta(store: Store): Handler {
  return (request, context) => {
    const tenant = graphTenant(store, request);
    refuseQueryOptions(request, "/users/delta", UNSUPPORTED);
    const now = context.clock.now();
    const rounds = (tenant.userDeltaRounds ??= {});
    const skipToken = request.query.get("$skiptoken");
    let roundId: string;
    let offset = 0;
    if (skipToken !== null) {
      const page = readSkipToken(skipToken);
      if (page === undefined || own(rounds, page.round) === undefined) throw resyncRequired(request);
      roundId = page.round;
      offset = page.offset;
    } else {
      const deltaToken = request.query.get("$deltatoken");
      if (deltaToken !== null && now.getTime() - tokenTime(deltaToken) > DELTA_TOKEN_LIFETIME_MS)
        throw syncStateNotFound();
      const after = deltaToken === null ? undefined : own(rounds, deltaToken);
      if (deltaToken !== null && after === undefined) throw resyncRequired(request);
      const select = request.query.has("$select")
        ? readUserSelect(request)
        : (after?.select ?? readUserSelect(request));
      roundId = startRound(tenant, rounds, { select, startedAt: now, after: deltaToken ?? undefined });
    }
    const round = rounds[roundId]!;
    const entries = roundEntries(rounds, round, request);
    const page = entries.slice(offset, offset + DELTA_PAGE_SIZE);
    const body: Record<string, unknown> = {
      "@odata.context": `${request.origin}/graph/v1.0/$metadata#users(${round.select.join(",")})`,
    };
    const link = `${request.origin}/graph/v1.0/users/delta`;
    if (offset + page.length < entries.length)
      body["@odata.nextLink"] = `${link}?$skiptoken=${writeSkipToken(roundId, offset + page.length)}`;
    else body["@odata.deltaLink"] = `${link}?$deltatoken=${roundId}`;
    body["value"] = page.map((entry) => entryView(tenant, entry, round.select));
    return ok(body);
  };
}

function startRound(
  tenant: TenantRecord,
  rounds: Record<string, UserDeltaRoundRecord>,
  options: { select: string[]; startedAt: Date; after: string | undefined },
): string {
  // Expired rounds go, then the oldest beyond the cap.
  for (const [id, round] of Object.entries(rounds)) {
    if (options.startedAt.getTime() - Date.parse(round.startedAt) > DELTA_TOKEN_LIFETIME_MS) delete rounds[id];
  }
  const kept = Object.entries(rounds).sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt));
  for (const [id] of kept.slice(0, Math.max(0, kept.length - (MAX_ROUNDS - 1)))) delete rounds[id];
  const users: Record<string, string> = {};
  for (const user of Object.values(tenant.users))
    users[user.id] = user.state === "active" ? fingerprint(user, options.select) : SOFT_DELETED;
  // The token starts with the round's time, so an expired one is told apart from an unknown one.
  const id = `${options.startedAt.getTime().toString(36)}.${randomBytes(18).toString("base64url")}`;
  rounds[id] = {
    startedAt: options.startedAt.toISOString(),
    select: options.select,
    ...(options.after === undefined ? {} : { after: options.after }),
    users,
  };
  return id;
}

/** What a round reports: every user it saw (initial), or what differs from the round it follows. */
function roundEntries(
  rounds: Record<string, UserDeltaRoundRecord>,
  round: UserDeltaRoundRecord,
  request: EmulatorRequest,
): Entry[] {
  const ids = Object.keys(round.users).sort();
  // The first round lists the users that exist; soft-deleted ones are not in the collection.
  if (round.after === undefined) return ids.filter((id) => round.users[id] !== SOFT_DELETED).map((id) => ({ id }));
  const before = own(rounds, round.after);
  if (before === undefined) throw resyncRequired(request);
  const entries: Entry[] = [];
  for (const id of ids) {
    const was = own(before.users, id);
    const now = round.users[id];
    if (was === now || (was === undefined && now === SOFT_DELETED)) continue;
    // Deleted (restorable) is "changed"; created, changed or restored users are listed.
    entries.push(now === SOFT_DELETED ? { id, removed: "changed" } : { id });
  }
  // Gone from the directory altogether (purged 30 days after deletion): "deleted".
  for (const id of Object.keys(before.users)) {
    if (!Object.hasOwn(round.users, id)) entries.push({ id, removed: "deleted" });
  }
  // Pages mix listed and removed users, as Graph's do (its order is not to be relied on).
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function entryView(tenant: TenantRecord, entry: Entry, select: string[]): Record<string, unknown> {
  const user = own(tenant.users, entry.id);
  // A page read later than the round began shows users as they are now, removed ones included.
  const reason = entry.removed ?? (user === undefined ? "deleted" : user.state === "active" ? undefined : "changed");
  if (reason !== undefined || user === undefined) return { id: entry.id, "@removed": { reason: reason ?? "deleted" } };
  return selectProperties(graphUserView(user), select.includes("id") ? select : [...select, "id"]);
}

/** Only the selected properties are tracked: a change to another one does not show (delta-query-overview). */
function fingerprint(user: DirectoryUserRecord, select: string[]): string {
  const view = JSON.stringify(selectProperties(graphUserView(user), select));
  return createHash("sha256").update(view).digest("base64url").slice(0, 22);
}

/** When the round a delta token names began (ms), or NaN for a token the emulator did not make. */
function tokenTime(token: string): number {
  const time = /^([0-9a-z]{1,12})\./.exec(token)?.[1];
  return time === undefined ? Number.NaN : Number.parseInt(time, 36);
}

function writeSkipToken(round: string, offset: number): string {
  return Buffer.from(JSON.stringify({ round, offset })).toString("base64url");
}

function readSkipToken(raw: string): { round: string; offset: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { round?: unknown; offset?: unknown };
    if (typeof parsed.round === "string" && typeof parsed.offset === "number" && parsed.offset >= 0)
      return { round: parsed.round, offset: parsed.offset };
  } catch {
    // answered by the caller
  }
  return undefined;
}

/**
 * A token the tenant does not know (never issued, forgotten, or of another tenant): Graph's
 * synchronization reset, 410 Gone with a Location that starts a new round (delta-query-overview).
 */
function resyncRequired(request: EmulatorRequest): EmulatorHttpError {
  const error = graphError(
    410,
    "resyncRequired",
    "The delta token is no longer valid; the application must restart with a full synchronization.",
  );
  return new EmulatorHttpError(410, error.body, { location: `${request.origin}/graph/v1.0/users/delta` });
}

/** An expired token: 400 syncStateNotFound, as Microsoft announced for directory objects' seven-day tokens. */
function syncStateNotFound(): EmulatorHttpError {
  return graphError(
    400,
    "syncStateNotFound",
    "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
  );
}
