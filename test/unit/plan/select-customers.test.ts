// --customer / --selector that match nothing are usage errors listing what exists, never an empty selection.
import { describe, expect, it } from "vitest";
import { toSelection } from "../../../cli/options.js";
import { selectCustomers } from "../../../reconciler/plan-estate.js";
import { estateFromYaml } from "../../helpers/estate-fixtures.js";

const customerYaml = (name: string, tier: string): string => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name}, labels: { tier: ${tier} } }
spec:
  company: { name: ${name}, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: link }
`;
const estateOf = (names: string[]) =>
  estateFromYaml(names.map((n, i) => customerYaml(n, i % 2 === 0 ? "gold" : "silver")).join("---\n"));

describe("selectCustomers", () => {
  it("a --customer the estate does not declare lists every declared name when there are few", async () => {
    const estate = await estateOf(["contoso", "fabrikam", "adatum"]);
    expect(() => selectCustomers(estate, { names: ["contoso", "fabrikan"] })).toThrow(
      expect.objectContaining({
        code: "cli.usage",
        message: "--customer fabrikan: not declared in the estate (declared: contoso, fabrikam, adatum)",
        hint: expect.stringContaining("metadata.name"),
      }),
    );
  });

  it("with many customers, lists the closest names to the typo", async () => {
    const estate = await estateOf([
      ...Array.from({ length: 30 }, (_, i) => `shop${String(i).padStart(2, "0")}`),
      "northwind",
    ]);
    expect(() => selectCustomers(estate, { names: ["nortwind"] })).toThrow(
      expect.objectContaining({
        code: "cli.usage",
        message: expect.stringMatching(
          /^--customer nortwind: not declared in the estate \(closest of 31 declared: northwind, /,
        ),
      }),
    );
  });

  it("a --selector that matches no customer lists the labels in use; one that matches is not an error", async () => {
    const estate = await estateOf(["contoso", "fabrikam"]);
    expect(() => selectCustomers(estate, { labels: { tier: "bronze" } })).toThrow(
      expect.objectContaining({
        code: "cli.usage",
        message: "--selector tier=bronze: matches no declared customer (labels in use: tier=gold, tier=silver)",
      }),
    );
    expect(() => selectCustomers(estate, { names: ["contoso"], labels: { tier: "silver" } })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^--customer contoso with --selector tier=silver: matches no declared customer/),
      }),
    );
    expect(selectCustomers(estate, { labels: { tier: "silver" } }).map((c) => c.name)).toEqual(["fabrikam"]);
  });

  it("a shard that holds none of the selected customers is not an error (more jobs than customers)", async () => {
    const estate = await estateOf(["contoso"]);
    const shards = [1, 2, 3].map((index) => selectCustomers(estate, { shard: { index, count: 3 } }).length);
    expect(shards.sort()).toEqual([0, 0, 1]);
  });

  it("a --selector without key=value is a usage error, not an internal one", () => {
    expect(() => toSelection({ selector: ["tier"] })).toThrow(
      expect.objectContaining({ code: "cli.usage", message: "--selector tier: expected key=value" }),
    );
  });
});
