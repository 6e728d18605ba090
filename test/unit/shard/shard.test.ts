// --shard i/N: every customer lands in exactly one shard, the split does not change between runs or
// when other customers come and go, and the flag is parsed (and refused) the way docs/benchmarks.md says.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addSelectionOptions, toSelection, type SelectionFlags } from "../../../cli/options.js";
import { selectCustomers } from "../../../reconciler/plan-estate.js";
import { inShard, parseShard, shardOf } from "../../../reconciler/shard.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";

const names = Array.from({ length: 600 }, (_, i) => `customer-${i}`);

describe("shardOf", () => {
  it.each([1, 2, 3, 4, 7, 16])("puts every customer in exactly one of %i shards, each shard non-empty", (count) => {
    const members = Array.from({ length: count }, () => [] as string[]);
    for (const name of names) {
      const hits = Array.from({ length: count }, (_, i) => i + 1).filter((index) => inShard(name, { index, count }));
      expect(hits).toHaveLength(1);
      members[hits[0]! - 1]!.push(name);
    }
    expect(members.flat().sort()).toEqual([...names].sort());
    // a stable hash spreads 600 names roughly evenly: no shard under half its fair share
    for (const shard of members) expect(shard.length).toBeGreaterThan(names.length / count / 2);
  });

  it("is stable: pinned assignments never change between releases or Node versions", () => {
    // the first 32 bits of SHA-256 of each name, modulo 4, plus 1 (computed once with `openssl dgst -sha256`)
    expect(["contoso", "fabrikam", "northwind", "litware", "customer-0"].map((name) => shardOf(name, 4))).toEqual([
      3, 3, 4, 2, 3,
    ]);
    expect(shardOf("contoso", 0x11f0b04e + 1)).toBe(0x11f0b04e + 1); // 0x11f0b04e mod (itself + 1), plus 1
  });

  it("depends only on the customer's own name: adding or removing others moves no one", () => {
    const before = new Map(names.slice(0, 400).map((n) => [n, shardOf(n, 3)]));
    const after = new Map([...names.slice(200, 600)].map((n) => [n, shardOf(n, 3)]));
    for (const [name, shard] of after) if (before.has(name)) expect(before.get(name)).toBe(shard);
  });

  it("1/1 selects everyone; no shard selects everyone", () => {
    expect(names.every((n) => inShard(n, { index: 1, count: 1 }))).toBe(true);
    expect(names.every((n) => inShard(n, undefined))).toBe(true);
  });
});

describe("parseShard", () => {
  it.each([
    ["1/4", { index: 1, count: 4 }],
    ["4/4", { index: 4, count: 4 }],
    [" 2 / 3 ", { index: 2, count: 3 }],
    ["1/1", { index: 1, count: 1 }],
  ])("reads %j", (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each([
    ["0/4", /numbered from 1/],
    ["5/4", /from 1 to 4/],
    ["1/0", /from 1 to 1000/],
    ["1/1001", /from 1 to 1000/],
    ["2", /not i\/N/],
    ["a/b", /not i\/N/],
    ["-1/3", /not i\/N/],
    ["1.5/3", /not i\/N/],
  ])("refuses %j with a message saying what to write", (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe("--shard on plan, apply and drift", () => {
  const parse = (args: string[]): SelectionFlags => {
    const command = addSelectionOptions(
      new Command("plan").exitOverride().configureOutput({ writeErr: () => undefined }),
    ).action(() => undefined);
    command.parse(args, { from: "user" });
    return command.opts<SelectionFlags>();
  };

  it("becomes the selection's shard", () => {
    expect(toSelection(parse(["--shard", "2/3"]))).toEqual({ labels: {}, shard: { index: 2, count: 3 } });
    expect(toSelection(parse([]))).toEqual({ labels: {} });
  });

  it("is a usage error when malformed, naming the expected form", () => {
    expect(() => parse(["--shard", "3/2"])).toThrow(/--shard <i\/N>.*from 1 to 2/);
  });

  it("selectCustomers keeps only the shard's customers, combined with --selector", async () => {
    const yaml = Array.from(
      { length: 12 },
      (_, i) => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: shard${i}, labels: { tier: ${i % 2 === 0 ? "gold" : "silver"} } }
spec:
  company: { name: Shard ${i}, domain: shard${i}.onmicrosoft.com, country: US }
  tenant: { mode: link }
`,
    ).join("---\n");
    const estate = await estateFromYaml(yaml);
    const all = estate.customers.map((c) => c.name);
    const shards = [1, 2, 3].map((index) => selectCustomers(estate, { shard: { index, count: 3 } }).map((c) => c.name));
    expect(shards.flat().sort()).toEqual([...all].sort());
    for (const [k, shard] of shards.entries()) expect(shard.every((name) => shardOf(name, 3) === k + 1)).toBe(true);
    const goldInShard1 = selectCustomers(estate, { shard: { index: 1, count: 3 }, labels: { tier: "gold" } }).map(
      (c) => c.name,
    );
    expect(goldInShard1).toEqual(shards[0]!.filter((name) => Number(name.slice(5)) % 2 === 0));
  });
});
