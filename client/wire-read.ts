// Checked reads of wire payloads. A mapper that reads a field through these helpers fails loudly
// when Microsoft renames or drops it, instead of passing `undefined` on to the reconciler.
import { PartnerCenterError } from "./errors.js";

export type WireRecord = Record<string, unknown>;

export function unexpected(context: string, detail: string): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.unexpected_response",
    message: `${context}: ${detail}. The payload does not match what cspctl expects (field renamed or missing).`,
    hint: "Run with --log-level debug to see the payload and report it with the correlation id.",
    service: "partner-center",
    retryable: false,
  });
}

/**
 * An object with PascalCase keys read as camelCase: Microsoft's docs print some bodies in
 * PascalCase (`Events`, `FromCatalogItemId`, legacy PATCH answers) and the .NET SDK reads both.
 */
export function record(value: unknown, context: string): WireRecord {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return camelCaseKeys(value as WireRecord);
  throw unexpected(
    context,
    `expected an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
  );
}

export function str(source: WireRecord, name: string, context: string): string {
  const value = source[name];
  if (typeof value === "string") return value;
  throw unexpected(context, `required string "${name}" is ${describe(value)}`);
}

export function optStr(source: WireRecord, name: string, context: string): string | undefined {
  const value = source[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw unexpected(context, `"${name}" should be a string but is ${describe(value)}`);
}

export function num(source: WireRecord, name: string, context: string): number {
  const value = source[name];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw unexpected(context, `required number "${name}" is ${describe(value)}`);
}

export function optNum(source: WireRecord, name: string, context: string): number | undefined {
  const value = source[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw unexpected(context, `"${name}" should be a number but is ${describe(value)}`);
}

export function bool(source: WireRecord, name: string, context: string): boolean {
  const value = source[name];
  if (typeof value === "boolean") return value;
  throw unexpected(context, `required boolean "${name}" is ${describe(value)}`);
}

export function optBool(source: WireRecord, name: string, context: string): boolean | undefined {
  const value = source[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  throw unexpected(context, `"${name}" should be a boolean but is ${describe(value)}`);
}

// ISO 8601 as Microsoft writes it: a date alone, or a date and time with 0 to 7 (or more) fraction
// digits, and `Z`, an offset, or nothing (then UTC: Partner Center's unqualified times are UTC).
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp in any ISO 8601 form, as one canonical UTC text: `2022-01-13T00:00:00Z`, with
 * milliseconds only when they are not zero (`…T16:17:42.673Z`). Sub-millisecond digits are dropped.
 */
export function optTimestamp(source: WireRecord, name: string, context: string): string | undefined {
  const text = optStr(source, name, context);
  if (text === undefined || text === "") return undefined;
  // Microsoft's own documented samples print `08: 00: 00Z`; a space after a colon is read as none.
  const at = parseIsoTimestamp(text.trim().replace(/:\s+/g, ":"));
  if (at === undefined)
    throw unexpected(context, `"${name}" should be an ISO 8601 timestamp but is ${JSON.stringify(text.slice(0, 40))}`);
  return at.toISOString().replace(".000Z", "Z");
}

export function timestamp(source: WireRecord, name: string, context: string): string {
  const value = optTimestamp(source, name, context);
  if (value === undefined) throw unexpected(context, `required timestamp "${name}" is ${describe(source[name])}`);
  return value;
}

function parseIsoTimestamp(text: string): Date | undefined {
  const m = ISO_8601.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const zone = m[8] ?? "Z";
  const offsetMinutes =
    zone.toUpperCase() === "Z"
      ? 0
      : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  // Refuse what Date.UTC would roll over (2021-02-30, 24:61): a wrong date is not a later one.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  )
    return undefined;
  if (Math.abs(offsetMinutes) > 18 * 60) return undefined;
  return new Date(local - offsetMinutes * 60_000);
}

export function arr(source: WireRecord, name: string, context: string): unknown[] {
  const value = source[name];
  if (Array.isArray(value)) return value;
  throw unexpected(context, `required array "${name}" is ${describe(value)}`);
}

export function optArr(source: WireRecord, name: string, context: string): unknown[] | undefined {
  const value = source[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  throw unexpected(context, `"${name}" should be an array but is ${describe(value)}`);
}

export function obj(source: WireRecord, name: string, context: string): WireRecord {
  const value = source[name];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return camelCaseKeys(value as WireRecord);
  throw unexpected(context, `required object "${name}" is ${describe(value)}`);
}

export function optObj(source: WireRecord, name: string, context: string): WireRecord | undefined {
  const value = source[name];
  if (value === undefined || value === null) return undefined;
  return obj(source, name, context);
}

export function strings(source: WireRecord, name: string, context: string): string[] {
  return (optArr(source, name, context) ?? []).map((item, index) => {
    if (typeof item === "string") return item;
    throw unexpected(context, `"${name}[${index}]" should be a string but is ${describe(item)}`);
  });
}

/** Copies only the keys whose value is defined (exactOptionalPropertyTypes-friendly). */
export function defined<T extends object>(value: T): T {
  // A loop, not Object.fromEntries(Object.entries(…).filter(…)): it runs for every mapped record
  // (thousands of users and service plans per plan) and keeps the same keys in the same order.
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) result[key] = field;
  }
  return result as T;
}

function camelCaseKeys(source: WireRecord): WireRecord {
  if (!Object.keys(source).some((key) => /^[A-Z]/.test(key))) return source;
  const result: WireRecord = {};
  for (const [key, value] of Object.entries(source)) {
    const camel = /^[A-Z]/.test(key) ? `${key[0]!.toLowerCase()}${key.slice(1)}` : key;
    if (!(camel in result) || camel === key) result[camel] = value;
  }
  return result;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  return `a ${Array.isArray(value) ? "array" : typeof value}`;
}
