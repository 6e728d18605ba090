// The emulator's grouped lookups (subscriptions and orders by customer, add-ons by parent) must give
// exactly what a scan of the partner's records gives, in the same order, however records were added
// or replaced between reads: answers are compared byte for byte with a scan's.
import { describe, expect, it } from "vitest";
import { RecordIndex, recordsMayHaveChanged, writeEnded, writeStarted } from "../../../emulator/store/record-index.js";

interface Row {
  id: string;
  customerId: string;
  parentId?: string;
  quantity: number;
}

const scan = (records: Record<string, Row>, customerId: string): Row[] =>
  Object.values(records).filter((r) => r.customerId === customerId);

describe("RecordIndex", () => {
  it("selects in the map's insertion order, like a scan", () => {
    const byCustomer = new RecordIndex<Row>("customerId");
    const records: Record<string, Row> = {};
    const ids = ["b-2", "a-1", "c-3", "a-4", "b-5"];
    for (const id of ids) records[id] = { id, customerId: id.slice(0, 1), quantity: 1 };
    for (const customer of ["a", "b", "c", "z"])
      expect(byCustomer.select(records, customer)).toEqual(scan(records, customer));
  });

  it("sees records added after a read once the domain said so, and replaced records' new contents", () => {
    const byCustomer = new RecordIndex<Row>("customerId");
    const records: Record<string, Row> = { s1: { id: "s1", customerId: "a", quantity: 1 } };
    expect(byCustomer.select(records, "a").map((r) => r.id)).toEqual(["s1"]);
    records.s2 = { id: "s2", customerId: "a", quantity: 2 };
    records.s3 = { id: "s3", customerId: "b", quantity: 3 };
    recordsMayHaveChanged();
    expect(byCustomer.select(records, "a")).toEqual(scan(records, "a"));
    expect(byCustomer.select(records, "b")).toEqual(scan(records, "b"));
    records.s1 = { ...records.s1!, quantity: 9 };
    expect(byCustomer.select(records, "a")[0]).toBe(records.s1);
  });

  it("recounts on every lookup while a write handler runs", () => {
    const byCustomer = new RecordIndex<Row>("customerId");
    const records: Record<string, Row> = { s1: { id: "s1", customerId: "a", quantity: 1 } };
    writeStarted();
    try {
      expect(byCustomer.select(records, "a")).toHaveLength(1);
      records.s2 = { id: "s2", customerId: "a", quantity: 1 };
      expect(byCustomer.select(records, "a")).toEqual(scan(records, "a"));
    } finally {
      writeEnded();
    }
    records.s3 = { id: "s3", customerId: "a", quantity: 1 };
    recordsMayHaveChanged();
    expect(byCustomer.select(records, "a")).toEqual(scan(records, "a"));
  });

  it("falls back to a scan when a replaced record left its group", () => {
    const byCustomer = new RecordIndex<Row>("customerId");
    const records: Record<string, Row> = {
      s1: { id: "s1", customerId: "a", quantity: 1 },
      s2: { id: "s2", customerId: "a", quantity: 1 },
    };
    expect(byCustomer.select(records, "a")).toHaveLength(2);
    records.s1 = { ...records.s1!, customerId: "b" };
    recordsMayHaveChanged();
    expect(byCustomer.select(records, "a")).toEqual(scan(records, "a"));
    expect(byCustomer.select(records, "b")).toEqual(scan(records, "b"));
  });

  it("groups by an optional field and keeps separate maps apart", () => {
    const byParent = new RecordIndex<Row>("parentId");
    const first: Record<string, Row> = {
      p: { id: "p", customerId: "a", quantity: 1 },
      x: { id: "x", customerId: "a", parentId: "p", quantity: 1 },
    };
    const second: Record<string, Row> = { p: { id: "p", customerId: "a", quantity: 1 } };
    expect(byParent.has(first, "p")).toBe(true);
    expect(byParent.has(second, "p")).toBe(false);
    expect(byParent.select(first, "x")).toEqual([]);
  });
});
