// A customer's subscriptions merged from a profile and its own file, by name: each merged item keeps
// the position of the layer it came from, so an error in it names that file, line and column (the
// profile's own items, an item the customer replaces by name, and an item only the customer has).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../../reconciler/index.js";

const subscription = (name: string, offer: string): string =>
  `    - name: ${name}\n      offer: ${offer}\n      term: P1Y\n      billing: monthly\n      quantity: 2\n`;

const root = mkdtempSync(join(tmpdir(), "cspctl-profile-merge-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("profile merge of named lists", () => {
  it("points each merged item's error at the layer it came from", async () => {
    // offers on lines: p.yaml 7 (bp), 12 (replaced), 17 (p-only); a.yaml 15 (replaces "replaced"), 20 (a-only)
    writeFileSync(
      join(root, "p.yaml"),
      ["apiVersion: cspctl/v1", "kind: Profile", "metadata: { name: p }", "spec:", "  subscriptions:", ""].join("\n") +
        subscription("bp", "CFQ7TTC0LCHC:0002") +
        subscription("replaced", "CFQ7TTC0AAAA:0001") +
        subscription("p-only", "CFQ7TTC0BBBB:0001"),
    );
    writeFileSync(
      join(root, "a.yaml"),
      [
        "apiVersion: cspctl/v1",
        "kind: Customer",
        "metadata:",
        "  name: acme",
        "spec:",
        "  profiles: [p]",
        "  company:",
        "    name: Acme",
        "    domain: acme.onmicrosoft.com",
        "    country: US",
        "  tenant:",
        "    mode: link",
        "  subscriptions:",
        "",
      ].join("\n") +
        subscription("replaced", "CFQ7TTC0CCCC:0001") +
        subscription("a-only", "CFQ7TTC0DDDD:0001"),
    );
    const result = await loadEstate(root, { cwd: root, env: {} });
    const found = result.diagnostics
      .filter((d) => d.code === "estate.unknown_offer")
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.message.match(/"(.*?)"/)?.[1] ?? ""}`);
    expect(found.sort()).toEqual(
      ["a.yaml:15:14 CFQ7TTC0CCCC:0001", "a.yaml:20:14 CFQ7TTC0DDDD:0001", "p.yaml:17:14 CFQ7TTC0BBBB:0001"].sort(),
    );
  });
});
