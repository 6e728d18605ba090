// Type-checks that Microsoft's samples are assignable to the wire types in client/wire/.
import { describe, expect, it } from "vitest";
import { responseSampleNames } from "./samples.js";
import { typecheckSamples } from "./typecheck-samples.js";
import { UNTYPED, WIRE_TYPES } from "./wire-type-map.js";

const MODULES = [
  "auth",
  "catalog",
  "cart",
  "common",
  "customer",
  "graph",
  "licensing",
  "order",
  "subscription",
  "user",
];

describe("samples are assignable to client/wire types", () => {
  it("maps every sample to a wire type or says why not", () => {
    const mapped = new Set([...Object.keys(WIRE_TYPES), ...Object.keys(UNTYPED)]);
    expect(responseSampleNames().filter((name) => !mapped.has(name))).toEqual([]);
  });

  it("type-checks without errors", () => {
    expect(typecheckSamples("client/wire", MODULES, WIRE_TYPES)).toEqual([]);
  }, 60_000);
});
