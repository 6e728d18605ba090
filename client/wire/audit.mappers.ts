// Audit records: wire → domain, tolerant of what Partner Center's log is known to do: fields left out
// when empty, operation types and statuses the documentation does not list, an application named
// instead of identified, resource values that are JSON text in PascalCase (kept as text when they
// are not JSON), and customizedData values that are null.
import type { AuditRecord } from "../types.js";
import { defined, optStr, record, str, timestamp } from "../wire-read.js";
import type * as Wire from "./audit.js";

export function auditRecordFromWire(wire: Wire.AuditRecord): AuditRecord {
  const context = "audit record";
  const source = record(wire, context);
  const details: Record<string, string | null> = {};
  for (const entry of Array.isArray(source["customizedData"]) ? source["customizedData"] : []) {
    const { key, value } = (entry ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key === "string")
      details[key] = typeof value === "string" ? value : value == null ? null : String(value);
  }
  return defined({
    id: optStr(source, "id", context),
    customerId: optStr(source, "customerId", context)?.toLowerCase(),
    customerName: optStr(source, "customerName", context),
    user: optStr(source, "userPrincipalName", context),
    application: optStr(source, "applicationId", context),
    resourceType: str(source, "resourceType", context),
    operationType: str(source, "operationType", context),
    status: optStr(source, "operationStatus", context) ?? "unknown",
    date: timestamp(source, "operationDate", context),
    correlationId: optStr(source, "originalCorrelationId", context),
    oldValue: resourceValue(optStr(source, "resourceOldValue", context)),
    newValue: resourceValue(optStr(source, "resourceNewValue", context)),
    details,
  });
}

/** The resource JSON with its keys in camelCase; text that is not a JSON object stays as `{ text }`. */
function resourceValue(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return camelKeys(parsed) as Record<string, unknown>;
  } catch {
    // kept as text below
  }
  return { text };
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key === "" ? key : key[0]!.toLowerCase() + key.slice(1),
      camelKeys(inner),
    ]),
  );
}
