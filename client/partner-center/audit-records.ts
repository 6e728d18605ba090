// The activity log (Partner Center docs: get-a-record-of-partner-center-activity-by-user): records
// of a date window, optionally filtered, streamed page by page as seek paging delivers them.
// Partner Center keeps 90 days and refuses a start further back (400); without a start it answers
// the last 30 days.
import type { ServiceCaller } from "../service.js";
import type { AuditRecord } from "../types.js";
import type * as Wire from "../wire/audit.js";
import { auditRecordFromWire } from "../wire/audit.mappers.js";

export interface AuditRecordFilter {
  field: "CompanyName" | "CustomerId" | "ResourceType";
  value: string;
  /** Default: `substring` for CompanyName, `equals` for the others, as Microsoft documents. */
  operator?: "equals" | "substring";
}

export interface AuditRecordQuery {
  /** First day (UTC) of the window. */
  start?: Date;
  /** Last day (UTC) of the window, included. */
  end?: Date;
  filter?: AuditRecordFilter;
  pageSize?: number;
  signal?: AbortSignal;
}

export function auditRecordsFacade(caller: ServiceCaller) {
  return {
    /** Newest first, as Partner Center answers; pages are fetched as the caller iterates. */
    async *list(query: AuditRecordQuery = {}): AsyncGenerator<AuditRecord> {
      const { filter } = query;
      const wireFilter =
        filter === undefined
          ? undefined
          : JSON.stringify({
              Field: filter.field,
              Value: filter.value,
              Operator: filter.operator ?? (filter.field === "CompanyName" ? "substring" : "equals"),
            });
      for await (const item of caller.partnerCenterItems("auditRecords.list", "/auditrecords", {
        query: {
          startDate: query.start === undefined ? undefined : day(query.start),
          endDate: query.end === undefined ? undefined : day(query.end),
          size: query.pageSize ?? 500,
          filter: wireFilter,
        },
        ...(query.signal === undefined ? {} : { signal: query.signal }),
      }))
        yield auditRecordFromWire(item as Wire.AuditRecord);
    },
  };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
