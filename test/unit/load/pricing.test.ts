// Price lists and spend policy in the estate: a PriceList document and a customer's pricing become
// resale layers (customer first), policy.approval is kept, and mistakes are reported at
// file:line:column with a hint (unknown price list with did-you-mean, a rule with both or neither
// of markup and price, an unknown offer, a duplicate rule, a currency that contradicts the list).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../../reconciler/index.js";

const root = mkdtempSync(join(tmpdir(), "cspctl-pricing-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const priceList = [
  "apiVersion: cspctl/v1",
  "kind: PriceList",
  "metadata: { name: standard }",
  "spec:",
  "  currency: USD",
  "  markup: 20",
  "  prices:",
  "    - { offer: CFQ7TTC0LCHC:0002, markup: 15 }",
  "    - { offer: CFQ7TTC0LDPB:0001, term: P1Y, billing: annual, price: 11.5 }",
  "",
].join("\n");

function customer(pricing: string[], policy: string[] = []): string {
  return [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata: { name: acme }",
    "spec:",
    "  company: { name: Acme, domain: acme.onmicrosoft.com, country: US }",
    "  tenant: { mode: link }",
    ...pricing,
    ...policy,
    "",
  ].join("\n");
}

async function load(dir: string, files: Record<string, string>) {
  const folder = join(root, dir);
  const { mkdirSync } = await import("node:fs");
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return loadEstate(folder, { cwd: folder, env: {} });
}

describe("pricing and approval in the estate", () => {
  it("builds the customer's layers (its own prices first, then its price list) and keeps approval", async () => {
    const result = await load("valid", {
      "prices.yaml": priceList,
      "acme.yaml": customer(
        ["  pricing:", "    priceList: standard", "    prices:", "      - { offer: CFQ7TTC0LCHC:0002, markup: 10 }"],
        ["  policy:", "    approval: { maxMonthlyIncrease: 500, maxSeatIncrease: 50, maxQuantity: 300 }"],
      ),
    });
    expect(result.diagnostics).toEqual([]);
    const acme = result.estate!.customers[0]!;
    expect(acme.pricing).toEqual({
      currency: "USD",
      layers: [
        { from: "customer", prices: [{ offer: "CFQ7TTC0LCHC:0002", markup: 10 }] },
        {
          from: "priceList:standard",
          currency: "USD",
          markup: 20,
          prices: [
            { offer: "CFQ7TTC0LCHC:0002", markup: 15 },
            { offer: "CFQ7TTC0LDPB:0001", term: "P1Y", billing: "annual", price: 11.5 },
          ],
        },
      ],
    });
    expect(acme.policy.approval).toEqual({ maxMonthlyIncrease: 500, maxSeatIncrease: 50, maxQuantity: 300 });
  });

  it("uses the PriceList named default when the customer names none", async () => {
    const result = await load("default", {
      "prices.yaml": priceList.replace("name: standard", "name: default"),
      "acme.yaml": customer([]),
    });
    expect(result.estate!.customers[0]!.pricing?.layers.map((l) => l.from)).toEqual(["priceList:default"]);
  });

  it("reports each mistake where it was written, with a hint", async () => {
    const result = await load("broken", {
      "prices.yaml": `${priceList}    - { offer: CFQ7TTC0LCHC:0002, markup: 5 }\n    - { offer: CFQ7TTC0LCHX:0002, price: 3, markup: 4 }\n`,
      "acme.yaml": customer(["  pricing:", "    priceList: standrd", "    currency: EUR"]),
      "beta.yaml": customer(["  pricing:", "    priceList: standard", "    currency: EUR"]).replaceAll("acme", "beta"),
    });
    const found = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.hint ?? ""}`);
    expect(found).toEqual([
      'acme.yaml:8:16 estate.unknown_price_list did you mean "standard"?',
      "beta.yaml:9:15 estate.currency_mismatch use a price list in EUR (pricing.priceList), or markups instead of fixed prices",
      "prices.yaml:10:16 estate.duplicate_price keep one rule per offer, term and billing",
      "prices.yaml:11:7 estate.price_rule_invalid write markup: <percent over cost> or price: <monthly resale price per seat>, not both",
      'prices.yaml:11:16 estate.unknown_offer did you mean "CFQ7TTC0LCHC:0002"?',
    ]);
  });
});

describe("examples/estate", () => {
  it("prices every customer through the default PriceList and keeps contoso's own price and thresholds", async () => {
    const result = await loadEstate("examples/estate", { env: { ...process.env } });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const customer of result.estate!.customers)
      expect(customer.pricing?.layers.at(-1)?.from, customer.name).toBe("priceList:default");
    const contoso = result.estate!.customers.find((c) => c.name === "contoso")!;
    expect(contoso.pricing?.layers[0]).toEqual({
      from: "customer",
      markup: 12,
      prices: [
        { offer: "CFQ7TTC0LCHC:0002", price: 24 },
        { offer: "CFQ7TTC0RM8K:0002", term: "P1Y", billing: "monthly", markup: 20 },
      ],
    });
    expect(contoso.policy.approval).toEqual({
      maxMonthlyIncrease: 1000,
      maxSeatIncrease: 100,
      maxQuantity: 500,
      maxRunMonthlyIncrease: 20000,
    });
  });
});
