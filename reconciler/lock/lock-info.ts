// What a lock says about its holder: written by the run that takes it, read by the runs that find it
// taken. A lock file or blob can be written by anyone with access to it, so what is read is checked
// field by field and cut to printable text before it reaches a message.
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";

export interface LockInfo {
  /** One id per run, shared by every customer lock the run holds; `cspctl force-unlock ID` names it. */
  id: string;
  operation: string;
  who: string;
  host: string;
  pid: number;
  /** The run's MS-CorrelationId: the same id Microsoft support sees on its calls. */
  runId: string;
  /** ISO time the run took the lock. */
  created: string;
  partnerTenant: string;
  /** Every customer (company domain) the run locks. */
  customers: string[];
}

export function newLockInfo(options: {
  operation: string;
  runId: string;
  partnerTenant: string;
  customers: readonly string[];
  now?: Date;
}): LockInfo {
  return {
    id: randomUUID(),
    operation: options.operation,
    who: currentUser(),
    host: hostname(),
    pid: process.pid,
    runId: options.runId,
    created: (options.now ?? new Date()).toISOString(),
    partnerTenant: options.partnerTenant,
    customers: [...options.customers],
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
}

const MAX_TEXT = 200;
/** Control characters (C0, DEL, C1) and bidi overrides: none of them may reach a terminal. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value.replace(UNPRINTABLE, "?").slice(0, MAX_TEXT) : undefined;
}

/** A lock's info as read back, or undefined when it is not the shape cspctl writes. */
export function parseLockInfo(raw: string | undefined): LockInfo | undefined {
  if (raw === undefined || raw.length > 64 * 1024) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const id = text(d.id);
  if (id === undefined || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const customers = Array.isArray(d.customers)
    ? d.customers
        .slice(0, 1000)
        .map(text)
        .filter((c): c is string => c !== undefined)
    : [];
  return {
    id,
    operation: text(d.operation) ?? "unknown",
    who: text(d.who) ?? "unknown",
    host: text(d.host) ?? "unknown",
    pid: typeof d.pid === "number" && Number.isInteger(d.pid) && d.pid > 0 ? d.pid : 0,
    runId: text(d.runId) ?? "unknown",
    created: text(d.created) ?? "unknown",
    partnerTenant: text(d.partnerTenant) ?? "unknown",
    customers,
  };
}

/** "alice on build-7 (pid 4242), run <id>, since <time>, for N customer(s): a, b (lock id <id>)". */
export function describeHolder(info: LockInfo | undefined): string {
  if (info === undefined)
    return "a run whose lock information is not readable (it may be taking the lock at this moment)";
  const shown =
    info.customers.slice(0, 5).join(", ") +
    (info.customers.length > 5 ? `, and ${info.customers.length - 5} more` : "");
  return `${info.who} on ${info.host} (pid ${info.pid}), ${info.operation} run ${info.runId}, since ${info.created}, for ${info.customers.length} customer(s): ${shown} (lock id ${info.id})`;
}
