// The client reads Microsoft's documented audit records, and what the log is known to do beyond
// them: fields left out, unknown operation types and statuses, resource values that are not JSON,
// null and non-string customizedData values, seven fraction digits in dates.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type * as Wire from "../../../client/wire/audit.js";
import { auditRecordFromWire } from "../../../client/wire/audit.mappers.js";

const sample = (name: string): { items: Wire.AuditRecord[] } =>
  JSON.parse(readFileSync(new URL(`../../fixtures/partner-center/samples-2/${name}`, import.meta.url), "utf8"));

describe("auditRecordFromWire", () => {
  it("maps the documented create_order record: user, values in camelCase, details as a map", () => {
    const [order] = sample("auditrecords.list.response.json").items;
    const record = auditRecordFromWire(order!);
    expect(record).toMatchObject({
      customerId: "0c39d6d5-c70d-4c55-bc02-f620844f3fd1",
      customerName: "Relecloud",
      user: "admin@domain.onmicrosoft.com",
      resourceType: "order",
      operationType: "create_order",
      status: "succeeded",
      date: "2017-06-15T22:56:05.058Z",
      details: { OrderId: "d51a052e-043c-4a2a-aa37-2bb938cef6c1", "Quantity-0": "25", "PartnerOnRecord-0": null },
    });
    expect(record.newValue).toMatchObject({ billingCycle: "none", lineItems: [{ quantity: 25 }] });
    expect(record.application).toBeUndefined();
  });

  it("maps the by-date records, whose application is a name or a GUID and which carry a correlation id", () => {
    const records = sample("auditrecords.list.by-date.response.json").items.map(auditRecordFromWire);
    expect(records.map((r) => r.application)).toEqual([
      "FulfillmentService",
      "4990cffe-04e8-4e8b-808a-1175604b879f",
      "4990cffe-04e8-4e8b-808a-1175604b879f",
    ]);
    expect(records[1]!.correlationId).toBe("96514ebe-c1b2-4865-cb46-2c2d20a2e911");
    expect(records[0]!.newValue).toBeUndefined();
  });

  it("keeps what it does not know instead of failing", () => {
    const record = auditRecordFromWire({
      resourceType: "granular_admin_relationship",
      operationType: "some_operation_added_later",
      operationDate: "2026-12-02T14:03:00.1234567Z",
      resourceNewValue: "not json",
      customizedData: [
        { key: "Count", value: 3 as unknown as string },
        { key: "Empty", value: null },
      ],
    });
    expect(record).toEqual({
      resourceType: "granular_admin_relationship",
      operationType: "some_operation_added_later",
      status: "unknown",
      date: "2026-12-02T14:03:00.123Z",
      newValue: { text: "not json" },
      details: { Count: "3", Empty: null },
    });
  });
});
