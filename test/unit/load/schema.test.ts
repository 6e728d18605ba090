// The schema is the one definition of the format: closed objects, a description on every property
// (editor help), and the patterns the format names.
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import schema from "../../../schemas/estate.schema.json" with { type: "json" };

type Node = Record<string, unknown>;

function walk(node: unknown, path: string, visit: (node: Node, path: string) => void): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`, visit);
    return;
  }
  visit(node as Node, path);
  for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`, visit);
}

describe("schemas/estate.schema.json", () => {
  it("is a valid draft-07 schema", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(() => new Ajv({ strict: true, strictTypes: false }).compile(schema)).not.toThrow(/schema is invalid/);
  });

  it("closes every object (additionalProperties: false), labels being the one open map", () => {
    const open: string[] = [];
    walk(schema, "", (node, path) => {
      if (node.type === "object" && node.properties !== undefined && node.additionalProperties !== false)
        open.push(path);
      if (
        node.type === "object" &&
        node.properties === undefined &&
        !path.endsWith("/labels") &&
        !path.endsWith("/spec")
      )
        open.push(path);
    });
    expect(open).toEqual([]);
  });

  it("describes every property", () => {
    const missing: string[] = [];
    walk(schema, "", (node, path) => {
      if (path.endsWith("/properties") && !path.includes("/if/"))
        for (const [key, child] of Object.entries(node))
          if (!(child as Node).description) missing.push(`${path}/${key}`);
    });
    for (const [name, def] of Object.entries(schema.definitions))
      if (!(def as Node).description) missing.push(`definitions/${name}`);
    expect(missing).toEqual([]);
  });

  it("carries the patterns of the format", () => {
    const ajv = new Ajv({ strict: false });
    const valid = (def: string, value: unknown) =>
      ajv.validate({ definitions: schema.definitions, $ref: `#/definitions/${def}` }, value);
    expect(valid("OfferId", "CFQ7TTC0LCHC:0002")).toBe(true);
    expect(valid("OfferId", "CFQ7TTC0LCHC:0002:0001")).toBe(false);
    expect(valid("ProfileName", "smb-standard")).toBe(true);
    expect(valid("ProfileName", "-smb")).toBe(false);
    expect(valid("ProfileName", "a".repeat(64))).toBe(false);
    expect(valid("UserPrincipalName", "ada.lovelace@contoso.onmicrosoft.com")).toBe(true);
    expect(valid("UserPrincipalName", "ada.@contoso.onmicrosoft.com")).toBe(false); // R-USR-3: no "." before "@"
    expect(valid("UserPrincipalName", `${"a".repeat(65)}@contoso.com`)).toBe(false);
    expect(valid("UserPrincipalName", `a@${"b".repeat(45)}.com`)).toBe(false);
    expect(valid("CountryCode", "DE")).toBe(true);
    expect(valid("CountryCode", "ZZ")).toBe(false);
    expect(valid("Password", "generate")).toBe(true);
    expect(valid("Password", "${env:ADA_PASSWORD}")).toBe(true);
    expect(valid("Password", "hunter2")).toBe(false);
  });
});
