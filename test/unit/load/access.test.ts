// access.gdap and access.consents: what Microsoft refuses is refused at load, with file:line:column
// and a hint; a valid declaration (also from a profile) loads.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEstate } from "../../../reconciler/index.js";

const root = mkdtempSync(join(tmpdir(), "cspctl-access-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A linked customer; `access` lines start at line 12 (indent 4 under `access:` at line 11). */
const estate = (access: string): string =>
  [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata:",
    "  name: acme",
    "spec:",
    "  company:",
    "    name: Acme",
    "    domain: acme.onmicrosoft.com",
    "    country: US",
    "  tenant: { mode: link }",
    "  access:",
    access,
  ].join("\n");

async function load(content: string, name: string) {
  const folder = join(root, name);
  const { mkdirSync } = await import("node:fs");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "a.yaml"), content);
  return loadEstate(".", { cwd: folder, env: {} });
}

const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";

describe("access.gdap", () => {
  it("loads a relationship with roles by name and access assignments", async () => {
    const result = await load(
      estate(
        [
          "    gdap:",
          "      displayName: Acme managed services",
          "      roles: [User Administrator, License Administrator]",
          "      duration: P365D",
          "      autoExtend: true",
          "      accessAssignments:",
          `        - { group: ${GROUP}, roles: [License Administrator] }`,
          "    consents:",
          "      - { applicationId: 0f8a0000-0000-4000-8000-000000000001, scopes: [User.Read.All, Directory.Read.All] }",
        ].join("\n"),
      ),
      "valid",
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const cases = [
    {
      name: "a role that is not built in, with a did-you-mean",
      access: ["    gdap:", "      displayName: x", "      roles: [User Administrator, Licence Administrator]"],
      code: "estate.unknown_gdap_role",
      line: 14,
      column: 35,
      hint: 'did you mean "License Administrator"?',
    },
    {
      name: "a duration over two years",
      access: ["    gdap:", "      displayName: x", "      roles: [User Administrator]", "      duration: P731D"],
      code: "estate.gdap_duration_out_of_range",
      line: 15,
      column: 17,
    },
    {
      name: "a zero duration",
      access: ["    gdap:", "      displayName: x", "      roles: [User Administrator]", "      duration: P0D"],
      code: "estate.gdap_duration_out_of_range",
      line: 15,
      column: 17,
    },
    {
      name: "Global Administrator with auto-extend",
      access: ["    gdap:", "      displayName: x", "      roles: [Global Administrator]", "      autoExtend: true"],
      code: "estate.gdap_global_admin_auto_extend",
      line: 15,
      column: 19,
    },
    {
      name: "an assignment role outside the relationship",
      access: [
        "    gdap:",
        "      displayName: x",
        "      roles: [User Administrator]",
        "      accessAssignments:",
        `        - { group: ${GROUP}, roles: [License Administrator] }`,
      ],
      code: "estate.gdap_role_not_in_relationship",
      line: 16,
      column: 66,
    },
    {
      name: "one group assigned twice",
      access: [
        "    gdap:",
        "      displayName: x",
        "      roles: [User Administrator]",
        "      accessAssignments:",
        `        - { group: ${GROUP}, roles: [User Administrator] }`,
        `        - { group: ${GROUP}, roles: [User Administrator] }`,
      ],
      code: "estate.duplicate_gdap_group",
      line: 17,
      column: 20,
    },
    {
      name: "one application consented twice",
      access: [
        "    consents:",
        "      - { applicationId: 0f8a0000-0000-4000-8000-000000000001, scopes: [User.Read.All] }",
        "      - { applicationId: 0f8a0000-0000-4000-8000-000000000001, scopes: [Mail.Read] }",
      ],
      code: "estate.duplicate_consent",
      line: 14,
      column: 26,
    },
  ];
  for (const testCase of cases) {
    it(`refuses ${testCase.name} (${testCase.code}) at its line and column`, async () => {
      const result = await load(estate(testCase.access.join("\n")), testCase.code + testCase.line + testCase.column);
      expect(result.valid).toBe(false);
      const match = result.diagnostics.find((d) => d.code === testCase.code);
      expect(match, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
      expect({ line: match!.line, column: match!.column }).toEqual({ line: testCase.line, column: testCase.column });
      expect(match!.hint).toBeTruthy();
      if (testCase.hint !== undefined) expect(match!.hint).toBe(testCase.hint);
    });
  }

  it("refuses a display name over 50 characters through the schema", async () => {
    const result = await load(
      estate(["    gdap:", `      displayName: ${"x".repeat(51)}`, "      roles: [User Administrator]"].join("\n")),
      "long-name",
    );
    expect(result.valid).toBe(false);
    expect(result.diagnostics.some((d) => d.line === 13)).toBe(true);
  });
});
