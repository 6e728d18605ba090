// The emulator's activity log: one AuditRecord appended for each audited write, whichever way it
// came (the API, or the control API acting as a portal user), stamped with the emulator clock.
// Records are kept in the state in the order they were made and never changed; reads select them
// by date window and filter (handlers/audit-records.ts). Resource values are stored as Partner
// Center does: a JSON string of the resource in PascalCase, with passwords blanked.
import type { EmulatorState } from "../store/state.js";
import type { AuditKeyValue, AuditRecord } from "../wire/audit.js";

/** Who made a change: a user, an application, or both (Partner Center records both when it has them). */
export interface AuditActor {
  userPrincipalName?: string;
  /** A client id (GUID) or a name such as `Partner Center Web`. */
  applicationId?: string;
}

export interface AuditEntry {
  partnerTenantId: string;
  customerId?: string;
  customerName?: string;
  /** The changed object's id (subscription, user, order, customer). */
  objectId?: string;
  actor: AuditActor;
  correlationId?: string;
  operationType: string;
  resourceType: string;
  oldValue?: unknown;
  newValue?: unknown;
  status: "succeeded" | "failed" | "progress";
  date: Date;
  details: AuditKeyValue[];
}

/** Milliseconds between 0001-01-01 and 1970-01-01: .NET ticks, as Partner Center's record ids carry. */
const EPOCH_TICKS_MS = 62_135_596_800_000n;

/** Appends the record of one operation; returns it. */
export function appendAuditRecord(state: EmulatorState, entry: AuditEntry): AuditRecord {
  // Ticks are 100 ns; the log's length breaks ties between records made in the same millisecond.
  const ticks = (BigInt(entry.date.getTime()) + EPOCH_TICKS_MS) * 10_000n + BigInt(state.auditRecords.length % 10_000);
  const idParts = [entry.partnerTenantId, entry.customerId, entry.objectId].filter((part) => part !== undefined);
  const record: AuditRecord = {
    id: [...idParts, entry.operationType.replaceAll("_", ""), String(ticks)].join("_"),
    partnerId: entry.partnerTenantId,
    participants: [entry.partnerTenantId],
    ...(entry.customerId === undefined ? {} : { customerId: entry.customerId }),
    ...(entry.customerName === undefined || entry.customerName === "" ? {} : { customerName: entry.customerName }),
    ...(entry.actor.userPrincipalName === undefined ? {} : { userPrincipalName: entry.actor.userPrincipalName }),
    ...(entry.actor.applicationId === undefined ? {} : { applicationId: entry.actor.applicationId }),
    resourceType: entry.resourceType,
    ...(entry.oldValue === undefined ? {} : { resourceOldValue: resourceJson(entry.oldValue) }),
    ...(entry.newValue === undefined ? {} : { resourceNewValue: resourceJson(entry.newValue) }),
    operationType: entry.operationType,
    ...(entry.correlationId === undefined ? {} : { originalCorrelationId: entry.correlationId }),
    operationDate: entry.date.toISOString(),
    operationStatus: entry.status,
    customizedData: entry.details,
    attributes: { objectType: "AuditRecord" },
  };
  state.auditRecords.push(record);
  return record;
}

/** A resource as Partner Center logs it: JSON in PascalCase, no secrets. */
function resourceJson(value: unknown): string {
  return JSON.stringify(pascalCase(value));
}

const SECRET_KEYS = new Set(["password", "newpassword", "clientsecret"]);

function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // OData annotations (`@odata.context`) are not part of a resource.
    if (key.startsWith("@")) continue;
    const name = key === "" ? key : key[0]!.toUpperCase() + key.slice(1);
    out[name] = SECRET_KEYS.has(key.toLowerCase()) ? "" : pascalCase(inner);
  }
  return out;
}
