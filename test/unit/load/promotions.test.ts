// `promotion:` on a subscription: an id or auto is kept on the desired subscription; a malformed id,
// a promotion for another offer and a promotion on a trial are reported at file:line:column with a hint.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../../reconciler/index.js";

const root = mkdtempSync(join(tmpdir(), "cspctl-promotions-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function customer(subscriptions: string[]): string {
  return [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata: { name: acme }",
    "spec:",
    "  company: { name: Acme, domain: acme.onmicrosoft.com, country: US }",
    "  tenant: { mode: link }",
    "  subscriptions:",
    ...subscriptions,
    "",
  ].join("\n");
}

async function load(dir: string, text: string) {
  const folder = join(root, dir);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "acme.yaml"), text);
  return loadEstate(folder, { cwd: folder, env: {} });
}

const found = (result: Awaited<ReturnType<typeof load>>) =>
  result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);

describe("promotion: in the estate", () => {
  it("keeps a promotion id and auto on the desired subscriptions", async () => {
    const result = await load(
      "ok",
      customer([
        "    - { name: premium, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10, promotion: 39NFJQT1EMU1:0002:39NFJQT1Q5KN }",
        "    - { name: basic, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 5, promotion: auto }",
      ]),
    );
    expect(result.diagnostics).toEqual([]);
    const subs = result.estate!.customers[0]!.subscriptions;
    expect(subs.map((s) => [s.name, s.promotion])).toEqual([
      ["premium", "39NFJQT1EMU1:0002:39NFJQT1Q5KN"],
      ["basic", "auto"],
    ]);
  });

  it("reports a malformed promotion id where it is written", async () => {
    const result = await load(
      "malformed",
      customer([
        "    - { name: a, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 10, promotion: best }",
      ]),
    );
    expect(found(result)).toEqual(["acme.yaml:8:98 estate.invalid_format"]);
  });

  it("reports a promotion on a trial where it is written, with a hint", async () => {
    const result = await load(
      "trial",
      customer([
        "    - { name: c, offer: CFQ7TTC0LH18:0001, term: P1Y, billing: monthly, quantity: 25, trial: { convert: never }, promotion: auto }",
      ]),
    );
    expect(found(result)).toEqual([expect.stringMatching(/^acme\.yaml:8:\d+ estate\.promotion_on_trial$/)]);
    expect(result.diagnostics[0]!.hint).toContain("remove promotion:");
  });
});
