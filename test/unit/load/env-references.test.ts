// `${env:}` and untrusted text: `$${` is a literal `${` (how import writes Partner Center's text), the
// variables cspctl reads credentials from are refused at their file:line:column, and a value resolved
// from the environment never appears in a diagnostic or in the model's sensitive-value masks'
// output, except in the fields that are safe to show.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeEnv } from "../../../reconciler/load/env-substitution.js";
import { loadEstate } from "../../../reconciler/index.js";

const SECRET = "client-secret-value-5b1e";
const TOKEN = "refresh-token-value-93c0";
const credentials = {
  CSPCTL_CLIENT_SECRET: SECRET,
  CSPCTL_REFRESH_TOKEN: TOKEN,
  CSPCTL_CLIENT_CERTIFICATE: "/etc/cspctl/cert.pem",
  CSPCTL_CONTROL_TOKEN: "control-token-value",
};

/** A customer with `name` as company name (line 7, column 11) and optional extra spec lines. */
function estate(name: string, extra = ""): string {
  return [
    "apiVersion: cspctl/v1",
    "kind: Customer",
    "metadata:",
    "  name: acme",
    "spec:",
    "  company:",
    `    name: ${name}`,
    "    domain: acme.onmicrosoft.com",
    "    country: US",
    "  tenant:",
    "    mode: link",
    extra,
  ].join("\n");
}

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cspctl-env-"));
  writeFileSync(join(dir, "acme.yaml"), text);
  return dir;
}

const readers = ["fast", "reference"] as const;

describe("$${ is a literal ${", () => {
  const texts = [
    "${env:CSPCTL_CLIENT_SECRET}",
    "$${env:X}",
    "$$${env:X} and ${env:",
    "a$",
    "${}",
    "x${y}z",
    "$",
    "{env:X}",
    "${env:HOSTILE}",
  ];
  for (const reader of readers) {
    it(`reads escapeEnv(text) back as text, never resolving it (${reader} reader)`, async () => {
      for (const text of texts) {
        const dir = write(estate(JSON.stringify(escapeEnv(text))));
        const loaded = await loadEstate(dir, {
          cwd: dir,
          env: { ...credentials, HOSTILE: "resolved!", X: "resolved!" },
          reader,
        });
        expect(loaded.valid ? [] : loaded.diagnostics, text).toEqual([]);
        expect(loaded.estate?.customers[0]?.company.name, text).toBe(text);
        expect(loaded.estate?.sensitive?.size, text).toBe(0);
      }
    });
  }

  it("still resolves a reference written next to an escaped one", async () => {
    const dir = write(estate('"$${env:X} is ${env:X}"'));
    const loaded = await loadEstate(dir, { cwd: dir, env: { X: "Contoso" } });
    expect(loaded.estate?.customers[0]?.company.name).toBe("${env:X} is Contoso");
  });
});

describe("credential variables", () => {
  const cases = [
    ...Object.keys(credentials).map((variable) => ({ variable, env: credentials })),
    { variable: "LOOKS_HARMLESS", env: { ...credentials, LOOKS_HARMLESS: SECRET } },
    { variable: "ALSO_HARMLESS", env: { ...credentials, ALSO_HARMLESS: ` ${TOKEN}` } },
  ];
  for (const reader of readers) {
    it(`are refused at the reference's file:line:column, in any field (${reader} reader)`, async () => {
      for (const { variable, env } of cases) {
        for (const [text, line, column] of [
          [estate(`\${env:${variable}}`), 7, 11],
          [estate(`"Acme \${env:${variable}}"`), 7, 11],
          [
            estate(
              "Acme",
              `  users:\n    - { userPrincipalName: ada@acme.onmicrosoft.com, firstName: Ada, lastName: L, password: "\${env:${variable}}" }`,
            ),
            13,
            93,
          ],
        ] as const) {
          const dir = write(text);
          const loaded = await loadEstate(dir, { cwd: dir, env, reader });
          const refused = loaded.diagnostics.filter((d) => d.code === "estate.env_credential");
          expect(
            refused.map((d) => [d.file, d.line, d.column]),
            `${variable} in ${text}`,
          ).toEqual([["acme.yaml", line, column]]);
          expect(refused[0]!.message).toContain(`\${env:${variable}}`);
          expect(JSON.stringify(loaded.diagnostics)).not.toContain(SECRET);
          expect(JSON.stringify(loaded.diagnostics)).not.toContain(TOKEN);
        }
      }
    });
  }
});

describe("values resolved from the environment", () => {
  it("are masked as their reference in diagnostics", async () => {
    // a diagnostic that quotes the value: an invalid domain
    const dir = write(estate("Acme").replace("domain: acme.onmicrosoft.com", "domain: ${env:CUSTOMER_DOMAIN}"));
    const loaded = await loadEstate(dir, { cwd: dir, env: { CUSTOMER_DOMAIN: "Not A Domain, but private" } });
    const text = JSON.stringify(loaded.diagnostics);
    expect(text).toContain("${env:CUSTOMER_DOMAIN}");
    expect(text).not.toContain("Not A Domain");
  });

  it("are kept as masks for outputs, except in safe-to-show fields; passwords always", async () => {
    const subscription =
      "  subscriptions:\n    - name: bp\n      offer: CFQ7TTC0LCHC:0002\n      term: P1Y\n      billing: monthly\n      quantity: ${env:SEATS}";
    const user =
      '  users:\n    - { userPrincipalName: ada@acme.onmicrosoft.com, firstName: Ada, lastName: L, usageLocation: US, password: "${env:ADA_PW}", licenses: [{ subscription: bp }] }';
    const dir = write(estate('"${env:COMPANY} Ltd"', `${subscription}\n${user}`));
    const loaded = await loadEstate(dir, {
      cwd: dir,
      env: { COMPANY: "Secret Holdings", SEATS: "7", ADA_PW: "Pw-7f3a9c!x" },
    });
    expect(loaded.valid ? [] : loaded.diagnostics).toEqual([]);
    const customer = loaded.estate!.customers[0]!;
    expect(customer.company.name).toBe("Secret Holdings Ltd"); // sent to Partner Center as declared
    expect(customer.subscriptions[0]!.quantity).toBe(7);
    const sensitive = loaded.estate!.sensitive!;
    expect(sensitive.variables()).toEqual(["ADA_PW", "COMPANY"]);
    expect(sensitive.mask(`company "Secret Holdings Ltd", 7 seats, password Pw-7f3a9c!x`)).toBe(
      'company "${env:COMPANY} Ltd", 7 seats, password ${env:ADA_PW}',
    );
  });
});
