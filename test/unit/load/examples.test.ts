// examples/estate is valid, uses every field of the schema, and loads into the model with defaults,
// addresses, source positions and profiles merged as docs/estate.md describes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEstate, type DesiredEstate } from "../../../reconciler/index.js";
import schema from "../../../schemas/estate.schema.json" with { type: "json" };
import { yamlFilesUnder } from "../../helpers/estate-fixtures.js";

const repo = join(import.meta.dirname, "..", "..", "..");
let estate: DesiredEstate;

beforeAll(async () => {
  const result = await loadEstate("examples/estate", { cwd: repo, env: {} });
  expect(result.diagnostics).toEqual([]);
  if (!result.valid) throw new Error("examples/estate is invalid");
  estate = result.estate;
});

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  allOf?: { then?: JsonSchema }[];
  additionalProperties?: JsonSchema | boolean;
};
const definitions = (schema as unknown as { definitions: Record<string, JsonSchema> }).definitions;

/** Every property path the schema defines for a kind, e.g. `spec.subscriptions[].trial.convertTo.term`. */
function schemaPaths(node: JsonSchema, prefix: string, out: Set<string>, seen: string[] = []): void {
  if (node.$ref !== undefined) {
    const name = node.$ref.split("/").pop()!;
    if (seen.includes(name)) return;
    schemaPaths(definitions[name]!, prefix, out, [...seen, name]);
    return;
  }
  if (node.items !== undefined) {
    schemaPaths(node.items, `${prefix}[]`, out, seen);
    return;
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    out.add(path);
    schemaPaths(child, path, out, seen);
  }
}

function dataPaths(value: unknown, prefix: string, out: Set<string>, isMap = false): void {
  if (Array.isArray(value)) {
    for (const item of value) dataPaths(item, `${prefix}[]`, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    if (isMap) continue; // labels: free keys
    const path = prefix === "" ? key : `${prefix}.${key}`;
    out.add(path);
    dataPaths(
      child,
      path.replace(/^spec\.subscriptions\[\]\.addons\[\]/, "spec.subscriptions[].addons[]"),
      out,
      key === "labels",
    );
  }
}

describe("examples/estate", () => {
  it("has at least 5 customers in separate files and a profiles file", () => {
    expect(estate.customers.length).toBeGreaterThanOrEqual(5);
    expect(new Set(estate.customers.map((c) => c.source.file)).size).toBeGreaterThanOrEqual(4);
    expect(estate.profiles.map((p) => p.source.file)).toContain("examples/estate/profiles.yaml");
  });

  it("starts every file with the yaml-language-server schema line", () => {
    for (const file of yamlFilesUnder(join(repo, "examples", "estate"))) {
      expect(readFileSync(file, "utf8").split("\n")[0], file).toMatch(
        /^# yaml-language-server: \$schema=(\.\.\/)+schemas\/estate\.schema\.json$/,
      );
    }
  });

  it("uses every field of the schema, for both kinds", () => {
    const used = new Map<string, Set<string>>([
      ["Customer", new Set()],
      ["Profile", new Set()],
      ["PriceList", new Set()],
    ]);
    // examples/access holds the access blocks: a new GDAP relationship waits for the customer's approval
    for (const file of [
      ...yamlFilesUnder(join(repo, "examples", "estate")),
      ...yamlFilesUnder(join(repo, "examples", "access")),
    ]) {
      for (const doc of parseAllDocuments(readFileSync(file, "utf8")) as { toJS(): { kind: string } }[]) {
        const data = doc.toJS();
        dataPaths(data, "", used.get(data.kind)!);
      }
    }
    for (const [kind, specDef] of [
      ["Customer", "CustomerSpec"],
      ["Profile", "ProfileSpec"],
      ["PriceList", "PriceListSpec"],
    ] as const) {
      const expected = new Set<string>();
      schemaPaths(
        {
          properties: {
            apiVersion: {},
            kind: {},
            metadata: { $ref: "#/definitions/Metadata" },
            spec: { $ref: `#/definitions/${specDef}` },
          },
        },
        "",
        expected,
      );
      // a Profile's subscriptions, policy, sales reps and licences share the Customer's definitions, checked there
      const shared =
        kind === "Profile"
          ? /^spec\.(subscriptions\[\]|policy|salesReps\[\]|users\.defaults\.licenses\[\])\./
          : kind === "PriceList"
            ? /^spec\.prices\[\]\./ // the rules share the Customer's PriceRule, checked there
            : /^spec\.subscriptions\[\]\.addons\[\]\./;
      const missing = [...expected].filter((path) => !used.get(kind)!.has(path) && !shared.test(path));
      expect(missing, `${kind} fields not used by examples/estate or examples/access`).toEqual([]);
    }
  });
});

describe("the loaded model", () => {
  const customer = (name: string) => estate.customers.find((c) => c.name === name)!;

  it("applies defaults", () => {
    const contoso = customer("contoso");
    expect(contoso.company).toMatchObject({ culture: "en-US", language: "en", qualification: "commercial" });
    const bob = contoso.users.find((u) => u.firstName === "Bob")!;
    expect(bob).toMatchObject({ displayName: "Bob Jones", enabled: true, password: { source: "generate" } });
    expect(customer("fabrikam").subscriptions.find((s) => s.name === "m365-e3")).toMatchObject({
      autoRenew: true,
      state: "active",
    });
    expect(customer("adatum").policy).toEqual({
      prune: { users: false, licenses: false, subscriptions: false },
      protect: true,
      mode: "enforce",
      ignore: [],
    });
    expect(customer("fabrikam").company).toMatchObject({ culture: "de-DE", language: "de" });
  });

  it("turns trials into their conversion plan (R-TRI-3)", () => {
    const northwind = customer("northwind");
    expect(northwind.subscriptions.find((s) => s.name === "copilot-trial")).toMatchObject({
      autoRenew: true,
      trial: { convert: "auto", convertTo: { quantity: 5, term: "P1Y", billing: "monthly" } },
    });
    expect(northwind.subscriptions.find((s) => s.name === "visio-trial")).toMatchObject({
      autoRenew: false,
      trial: { convert: "never" },
    });
  });

  it("gives every node a stable address and its source position", () => {
    const contoso = customer("contoso");
    expect(contoso.address).toBe("customer:contoso");
    expect(contoso.source).toMatchObject({ file: "examples/estate/customers/contoso.yaml", line: 7, column: 9 });
    const addon = contoso.subscriptions.find((s) => s.name === "teams-premium")!;
    expect(addon).toMatchObject({
      address: "customer:contoso/subscription:teams-premium",
      addonOf: "business-premium",
    });
    expect(addon.source.line).toBe(50);
    const alice = contoso.users[0]!;
    expect(alice.address).toBe("customer:contoso/user:alice@contosoltd.onmicrosoft.com");
    expect(alice.licenses.map((l) => l.address)).toEqual([
      "customer:contoso/user:alice@contosoltd.onmicrosoft.com/license:business-premium",
      "customer:contoso/user:alice@contosoltd.onmicrosoft.com/license:teams-premium",
    ]);
    expect(alice.licenses[0]!.disabledPlans).toEqual(["TEAMS1", "YAMMER_ENTERPRISE"]);
  });

  it("locates an address plus a field path in the YAML", () => {
    expect(estate.locate("customer:contoso", "subscriptions[business-premium].quantity")).toMatchObject({
      file: "examples/estate/customers/contoso.yaml",
      line: 41,
      column: 17,
    });
    expect(estate.locate("customer:contoso/subscription:business-premium", "renewal.billing")).toMatchObject({
      line: 48,
      column: 18,
    });
    expect(
      estate.locate("customer:contoso/user:alice@contosoltd.onmicrosoft.com", "licenses[0].disabledPlans[1]"),
    ).toMatchObject({ line: 65, column: 35 });
    expect(estate.locate("customer:contoso/user:alice@contosoltd.onmicrosoft.com")).toMatchObject({
      line: 56,
      column: 7,
    });
    expect(estate.locate("customer:nobody")).toBeUndefined();
    expect(estate.locate("customer:contoso", "subscriptions[nope].quantity")).toBeUndefined();
  });

  it("merges profiles in order, the customer winning, and points merged nodes at the profile", () => {
    const northwind = customer("northwind");
    expect(northwind.profiles).toEqual(["smb-standard", "smb-secure"]);
    expect(northwind.subscriptions.map((s) => s.name)).toEqual([
      "business-standard",
      "defender",
      "copilot-trial",
      "visio-trial",
    ]);
    expect(northwind.subscriptions[0]).toMatchObject({
      quantity: 8,
      source: { file: "examples/estate/customers/northwind.yaml" },
    });
    expect(northwind.subscriptions[1]!.source.file).toBe("examples/estate/profiles.yaml");
    expect(estate.locate("customer:northwind/subscription:defender", "quantity")).toMatchObject({
      file: "examples/estate/profiles.yaml",
      line: 41,
    });
    expect(northwind.resellerOfRecord).toBe("5120348");
    expect(northwind.salesReps).toEqual([{ name: "Grace Hopper", email: "grace@partner.example" }]);
    expect(northwind.policy).toMatchObject({
      protect: true,
      mode: "enforce",
      ignore: [{ path: "subscriptions[defender].quantity" }],
    });
    const nancy = northwind.users.find((u) => u.firstName === "Nancy")!;
    expect(nancy).toMatchObject({ usageLocation: "US", enabled: true });
    expect(nancy.licenses.map((l) => l.subscription)).toEqual(["business-standard", "defender"]);
    const andrew = northwind.users.find((u) => u.firstName === "Andrew")!;
    expect(andrew.licenses.map((l) => l.subscription)).toEqual(["business-standard", "defender", "copilot-trial"]);
    expect(northwind.company).toMatchObject({ country: "US", culture: "en-US", qualification: "commercial" });
  });

  it("keeps env-sourced passwords out of JSON", async () => {
    const result = await loadEstate("examples/broken/missing-env.yaml", {
      cwd: repo,
      env: { CSPCTL_EXAMPLE_RESELLER_ID: "4865311", CSPCTL_EXAMPLE_ADA_PASSWORD: "Correct-Horse-9" },
    });
    expect(result.diagnostics).toEqual([]);
    const user = result.estate!.customers[0]!.users[0]!;
    expect(user.password).toEqual({ source: "env", variable: "CSPCTL_EXAMPLE_ADA_PASSWORD" });
    expect(user.password.source === "env" && user.password.value).toBe("Correct-Horse-9");
    expect(JSON.stringify(result.estate!.customers)).not.toContain("Correct-Horse-9");
    expect(result.estate!.customers[0]!.resellerOfRecord).toBe("4865311");
  });
});
