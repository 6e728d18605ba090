// canonicalJson's text is part of every saved plan's fingerprint: the fast path (engine
// JSON.stringify over a key-sorted copy) and the fallback writer must both print exactly what the
// original nested implementation printed, pinned here case by case.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { canonicalJson, fingerprintActual } from "../../../reconciler/plan/fingerprint.js";
import type { ActualEstate } from "../../../reconciler/read/actual-estate.js";

describe("canonicalJson", () => {
  it.each([
    ["sorted keys, nested", { b: 1, a: { d: [1, "x"], c: null } }, '{"a":{"c":null,"d":[1,"x"]},"b":1}'],
    ["undefined fields left out", { b: undefined, a: 1 }, '{"a":1}'],
    ["array-index keys sorted as text", { "10": 1, "9": 2, a: 3 }, '{"10":1,"9":2,"a":3}'],
    ["an own __proto__ key", JSON.parse('{"__proto__": 1, "b": 2}') as unknown, '{"__proto__":1,"b":2}'],
    ["holes and undefined in arrays print nothing", [1, undefined, 3], "[1,,3]"],
    ["a function field prints undefined", { f: () => 1 }, '{"f":undefined}'],
    ["a function in an array prints nothing", [() => 1], "[]"],
    ["a Date is an object without keys", { d: new Date(0) }, '{"d":{}}'],
    ["numbers as JSON", [Number.NaN, -0, Number.POSITIVE_INFINITY, 1.5], "[null,0,null,1.5]"],
    ["strings escaped as JSON", { "k\"": "line\nbreak\u2028" }, '{"k\\"":"line\\nbreak\u2028"}'],
    ["scalars", "text", '"text"'],
  ])("%s", (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("gives the same text for the same data whatever the key order", () => {
    const a = { customers: [{ id: "1", users: [{ upn: "a", licenses: [{ skuId: "s", disabledPlans: [] }] }], domain: "x" }] };
    const b = { customers: [{ domain: "x", users: [{ licenses: [{ disabledPlans: [], skuId: "s" }], upn: "a" }], id: "1" }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe("fingerprintActual", () => {
  it("is the SHA-256 of the canonical JSON of the sorted state, hashed a customer at a time", () => {
    const state = {
      readAt: "2026-11-23T00:00:00Z",
      customers: [
        { id: "b", domain: "b.example", companyName: "B", billing: null, qualifications: [], subscriptions: null, subscribedSkus: null, users: null },
        { id: "a", domain: "a.example", companyName: "A", billing: null, qualifications: ["Education"], subscriptions: [{ id: "s2" }, { id: "s1" }], subscribedSkus: [{ skuId: "z" }, { skuId: "k" }], users: [{ id: "u2" }, { id: "u1" }] },
      ],
      unknown: [{ address: "customer:b", cause: "read failed" }, { address: "customer:a/x", cause: "odd" }],
      invitations: [{ domain: "z.example", tenantId: null, url: "https://z" }, { domain: "y.example", tenantId: "t", url: "https://y" }],
    } as unknown as ActualEstate;
    const sorted = {
      customers: [
        { ...state.customers[1]!, subscriptions: [{ id: "s1" }, { id: "s2" }], subscribedSkus: [{ skuId: "k" }, { skuId: "z" }], users: [{ id: "u1" }, { id: "u2" }] },
        state.customers[0]!,
      ],
      unknown: [state.unknown[1]!, state.unknown[0]!],
      invitations: [state.invitations[1]!, state.invitations[0]!],
    };
    expect(fingerprintActual(state)).toBe(`sha256:${createHash("sha256").update(canonicalJson(sorted)).digest("hex")}`);
    expect(fingerprintActual({ ...state, readAt: "2027-01-01T00:00:00Z", customers: [...state.customers].reverse() })).toBe(fingerprintActual(state));
  });
});
