// canonicalJson's text is part of every saved plan's fingerprint: the fast path (engine
// JSON.stringify over a key-sorted copy) and the fallback writer must both print exactly what the
// original nested implementation printed, pinned here case by case.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { canonicalJson, customersChangedBy, fingerprintActual } from "../../../reconciler/plan/fingerprint.js";
import type { DesiredCustomer } from "../../../reconciler/model/desired-estate.js";
import type { PlanStep } from "../../../reconciler/plan/plan.js";
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
    ["strings escaped as JSON", { 'k"': "line\nbreak\u2028" }, '{"k\\"":"line\\nbreak\u2028"}'],
    ["scalars", "text", '"text"'],
  ])("%s", (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it("gives the same text for the same data whatever the key order", () => {
    const a = {
      customers: [{ id: "1", users: [{ upn: "a", licenses: [{ skuId: "s", disabledPlans: [] }] }], domain: "x" }],
    };
    const b = {
      customers: [{ domain: "x", users: [{ licenses: [{ disabledPlans: [], skuId: "s" }], upn: "a" }], id: "1" }],
    };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe("fingerprintActual", () => {
  const desired = (name: string, domain: string): DesiredCustomer =>
    ({ name, tenant: { mode: "create" }, company: { domain } }) as unknown as DesiredCustomer;
  const state = {
    readAt: "2026-11-23T00:00:00Z",
    customers: [
      {
        id: "b",
        domain: "b.example",
        companyName: "B",
        billing: null,
        qualifications: [],
        subscriptions: null,
        subscribedSkus: null,
        users: null,
      },
      {
        id: "a",
        domain: "A.example",
        companyName: "A",
        billing: null,
        qualifications: ["Education"],
        subscriptions: [{ id: "s2" }, { id: "s1" }],
        subscribedSkus: [{ skuId: "z" }, { skuId: "k" }],
        users: [{ id: "u2" }, { id: "u1" }],
      },
      {
        id: "c",
        domain: "c.example",
        companyName: "C",
        billing: null,
        qualifications: [],
        subscriptions: [],
        subscribedSkus: [],
        users: [],
      },
    ],
    unknown: [
      { address: "customer:bee", cause: "read failed" },
      { address: "customer:ay/x", cause: "odd" },
      { address: "customer:cee/y", cause: "not in scope" },
      { address: "customer:ayx", cause: "another customer" },
    ],
    invitations: [
      { domain: "z.example", tenantId: null, url: "https://z" },
      { domain: "b.example", tenantId: "t", url: "https://b" },
    ],
  } as unknown as ActualEstate;
  const scope = [desired("bee", "b.example"), desired("ay", "a.example"), desired("zed", "z.example")];

  it("is the SHA-256 of the canonical JSON of the state of the customers in scope, sorted, hashed a customer at a time", () => {
    const expected = {
      customers: [
        {
          ...state.customers[1]!,
          subscriptions: [{ id: "s1" }, { id: "s2" }],
          subscribedSkus: [{ skuId: "k" }, { skuId: "z" }],
          users: [{ id: "u1" }, { id: "u2" }],
        },
        state.customers[0]!,
      ],
      invitations: [state.invitations[0]!, state.invitations[1]!].sort((x, y) => (x.domain < y.domain ? -1 : 1)),
      scope: ["ay", "bee", "zed"],
      unknown: [state.unknown[1]!, state.unknown[0]!],
    };
    expect(fingerprintActual(state, scope)).toBe(
      `sha256:${createHash("sha256").update(canonicalJson(expected)).digest("hex")}`,
    );
    expect(
      fingerprintActual(
        { ...state, readAt: "2027-01-01T00:00:00Z", customers: [...state.customers].reverse() },
        [...scope].reverse(),
      ),
    ).toBe(fingerprintActual(state, scope));
  });

  it("without a scope (the one-argument form of earlier versions) is a clear error, not a crash inside", () => {
    const call = fingerprintActual as unknown as (actual: ActualEstate) => string;
    expect(() => call(state)).toThrow(expect.objectContaining({ code: "plan.fingerprint_scope_missing" }));
  });

  it("does not change with a customer outside the scope, and changes when a customer in scope appears, changes or goes", () => {
    const base = fingerprintActual(state, scope);
    const outside = {
      ...state,
      customers: state.customers.map((c) => (c.id === "c" ? { ...c, companyName: "C renamed" } : c)),
      unknown: [...state.unknown, { address: "customer:cee", cause: "new failure" }],
    };
    expect(fingerprintActual(outside, scope)).toBe(base);
    const zedAppears = {
      ...state,
      customers: [...state.customers, { ...state.customers[2]!, id: "z", domain: "z.example" }],
    };
    expect(fingerprintActual(zedAppears, scope)).not.toBe(base);
    const renamed = {
      ...state,
      customers: state.customers.map((c) => (c.id === "b" ? { ...c, companyName: "B2" } : c)),
    };
    expect(fingerprintActual(renamed, scope)).not.toBe(base);
    expect(fingerprintActual({ ...state, customers: state.customers.filter((c) => c.id !== "a") }, scope)).not.toBe(
      base,
    );
    expect(fingerprintActual(state, scope.slice(0, 2))).not.toBe(base);
  });
});

describe("customersChangedBy", () => {
  it("is the declared customers that the plan has steps for, in the estate's order", () => {
    const customers = ["a", "b", "c"].map((name) => ({ name }) as DesiredCustomer);
    const steps = [{ customer: "c" }, { customer: "a" }, { customer: "c" }, { customer: "gone" }] as PlanStep[];
    expect(customersChangedBy({ steps }, customers).map((c) => c.name)).toEqual(["a", "c"]);
    expect(customersChangedBy({ steps: [] }, customers)).toEqual([]);
  });
});
