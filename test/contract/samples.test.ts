// Contract: for every response sample, the emulator's answer to the same operation has the same
// field names, casing, nesting and value kinds (ids and dates normalised), or the sample is listed
// as deliberately not emulated. Runs against the emulator over real HTTPS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startContractEmulator, type ContractContext } from "./contract-context.js";
import { CONTRACT_TABLE } from "./contract-table.js";
import { responseSampleNames, sample } from "./samples.js";
import { shapeDifferences } from "./shape.js";

let ctx: ContractContext;
beforeAll(async () => {
  ctx = await startContractEmulator();
});
afterAll(async () => ctx.emulator.close());

describe("the contract table", () => {
  it("lists every response sample exactly once", () => {
    const listed = CONTRACT_TABLE.map((entry) => entry.sample).sort();
    expect(listed).toEqual(responseSampleNames());
  });
});

describe.sequential("emulator answers match Microsoft's samples", () => {
  for (const entry of CONTRACT_TABLE) {
    if ("notEmulated" in entry) {
      it.skip(`${entry.sample}: not emulated — ${entry.notEmulated}`, () => undefined);
      continue;
    }
    it(`${entry.sample} ← ${entry.operation}`, async () => {
      const answer = await entry.run(ctx);
      expect(shapeDifferences(sample(entry.sample), answer, entry.allow)).toEqual([]);
    });
  }
});
