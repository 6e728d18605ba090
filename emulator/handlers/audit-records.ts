// GET /v1/auditrecords (Partner Center docs: get-a-record-of-partner-center-activity-by-user): the
// calling partner's activity log for a date window, newest first, optionally filtered, seek-paged.
// - `startDate` (yyyy-mm-dd or a date-time; default 30 days back); one more than 90 days back is a 400,
//   and records older than 90 days are never answered (retention), both on the emulator clock.
// - `endDate` (inclusive when a plain date; default now).
// - `filter`: URL-encoded JSON `{"Field","Value","Operator"}`; Field `CompanyName` (substring or
//   equals), `CustomerId`, `ResourceType` or `OperationStatus` (equals); values compare case-insensitively.
// - `size` (default and most 500); further pages by `seekOperation=Next` and the MS-ContinuationToken
//   header, whose token carries the whole query, as the customers list does.
import type { AuditRecord } from "../wire/audit.js";
import { invalidInput } from "../errors.js";
import type { Handler } from "../pipeline/types.js";
import type { Store } from "../store/memory-store.js";
import { callingPartner, collection, ok } from "./shared.js";

const DAY_MS = 86_400_000;
const AUDIT_RETENTION_DAYS = 90;
const DEFAULT_WINDOW_DAYS = 30;
const MAX_PAGE_SIZE = 500;

interface AuditQuery {
  /** Index in the log below which this page starts (exclusive); null on the first page. */
  before: number | null;
  size: number;
  start: number;
  end: number;
  filter: string | null;
}

export function listAuditRecords(store: Store): Handler {
  return (request, context) => {
    const partner = callingPartner(store, request);
    const now = context.clock.now().getTime();
    const query = readQuery(request.query, request.headers["ms-continuationtoken"], now);
    const matches = recordFilter(query.filter);
    const oldest = Math.max(query.start, now - AUDIT_RETENTION_DAYS * DAY_MS);
    const log = store.state.auditRecords;
    const page: AuditRecord[] = [];
    let index = query.before ?? log.length;
    let more = false;
    while (--index >= 0) {
      const record = log[index]!;
      const at = Date.parse(record.operationDate);
      if (record.partnerId !== partner.tenantId || at < oldest || at >= query.end || !matches(record)) continue;
      if (page.length === query.size) {
        more = true;
        break;
      }
      page.push(record);
    }
    const body = collection(page, `/auditrecords?${request.query.toString()}`);
    if (!more) return ok(body);
    const token = Buffer.from(JSON.stringify({ ...query, before: index + 1 })).toString("base64url");
    return ok(
      {
        ...body,
        links: {
          ...body.links,
          next: {
            uri: `/auditrecords?size=${query.size}&seekOperation=Next`,
            method: "GET",
            headers: [{ key: "MS-ContinuationToken", value: token }],
          },
        },
        continuationToken: token,
      },
      { "ms-continuationtoken": token },
    );
  };
}

function readQuery(params: URLSearchParams, token: string | undefined, now: number): AuditQuery {
  if (params.get("seekOperation")?.toLowerCase() === "next") {
    if (token === undefined || token === "")
      throw invalidInput("The MS-ContinuationToken header is required with seekOperation=Next.");
    try {
      const state = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as AuditQuery;
      if ([state.before, state.size, state.start, state.end].every(Number.isInteger) && state.size > 0) return state;
    } catch {
      // the documented invalid-input answer below
    }
    throw invalidInput("The continuation token is not valid.");
  }
  const start = readDate(params.get("startDate"), "startDate") ?? now - DEFAULT_WINDOW_DAYS * DAY_MS;
  if (start < startOfDay(now) - AUDIT_RETENTION_DAYS * DAY_MS)
    throw invalidInput(
      `startDate is more than ${AUDIT_RETENTION_DAYS} days ago; activity log data is kept for ${AUDIT_RETENTION_DAYS} days.`,
    );
  const endText = params.get("endDate");
  const endDate = readDate(endText, "endDate");
  // A plain date ends with its day.
  const end = endDate === undefined ? Number.MAX_SAFE_INTEGER : isPlainDate(endText) ? endDate + DAY_MS : endDate + 1;
  if (end <= start) throw invalidInput("endDate is before startDate.");
  const sizeText = params.get("size");
  const size = sizeText === null || sizeText === "" ? MAX_PAGE_SIZE : Number(sizeText);
  if (!Number.isInteger(size) || size < 1) throw invalidInput(`Invalid size ${String(sizeText)}.`);
  return { before: null, size: Math.min(size, MAX_PAGE_SIZE), start, end, filter: params.get("filter") };
}

function isPlainDate(text: string | null): boolean {
  return text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text);
}

function readDate(text: string | null, name: string): number | undefined {
  if (text === null || text === "") return undefined;
  const at = Date.parse(isPlainDate(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at)) throw invalidInput(`${name} "${text}" is not a date (yyyy-mm-dd).`);
  return at;
}

function startOfDay(ms: number): number {
  return ms - (ms % DAY_MS);
}

const FIELDS: Record<string, (record: AuditRecord) => string | undefined> = {
  companyname: (record) => record.customerName,
  customerid: (record) => record.customerId,
  resourcetype: (record) => record.resourceType,
  operationstatus: (record) => record.operationStatus,
};

function recordFilter(text: string | null): (record: AuditRecord) => boolean {
  if (text === null || text === "") return () => true;
  let filter: { Field?: unknown; Value?: unknown; Operator?: unknown };
  try {
    filter = JSON.parse(text) as typeof filter;
  } catch {
    throw invalidInput('filter must be JSON such as {"Field":"CustomerId","Value":"…","Operator":"equals"}.');
  }
  const field = typeof filter.Field === "string" ? FIELDS[filter.Field.toLowerCase()] : undefined;
  if (field === undefined)
    throw invalidInput("filter Field must be one of CompanyName, CustomerId, ResourceType, OperationStatus.");
  if (typeof filter.Value !== "string") throw invalidInput("filter Value must be a string.");
  const value = filter.Value.toLowerCase();
  const operator = typeof filter.Operator === "string" ? filter.Operator.toLowerCase() : "";
  if (operator !== "equals" && operator !== "substring")
    throw invalidInput('filter Operator must be "equals" or "substring".');
  return (record) => {
    const actual = field(record)?.toLowerCase();
    if (actual === undefined) return false;
    return operator === "equals" ? actual === value : actual.includes(value);
  };
}
