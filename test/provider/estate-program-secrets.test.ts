// A YAML estate declared as Pulumi resources (declareEstate): inputs holding a value read from
// ${env:} are sent as Pulumi secrets (encrypted in state, [secret] in previews, and the outputs of
// the same name secret too); inputs without one stay plain.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_TIMEOUT_MS } from "./build-dist.js";
import { runHarnessAsync } from "./child-node.js";

const customer = (name: string, company: string) => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: "${company}", domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: link }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: 2 }
  users:
    - { userPrincipalName: ada@${name}.onmicrosoft.com, firstName: Ada, lastName: L, usageLocation: US, licenses: [{ subscription: bp }] }
`;

describe("declareEstate", () => {
  it(
    "sends inputs holding ${env:} values as secrets, and only those",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "cspctl-pulumi-env-"));
      writeFileSync(join(dir, "secretco.yaml"), customer("secretco", "${env:PULUMI_SECRET_COMPANY}"));
      writeFileSync(join(dir, "plainco.yaml"), customer("plainco", "Plain Company"));
      const run = await runHarnessAsync("declare-estate-secrets.mjs", {
        ESTATE_DIR: dir,
        PULUMI_SECRET_COMPANY: "Hidden Company 7e31",
      });
      expect(run.status, run.stderr).toBe(0);
      const resources = JSON.parse(run.stdout) as { type: string; name: string; secret: string[]; plain: string }[];
      const of = (prefix: string) => resources.filter((r) => r.name.startsWith(prefix));
      expect(of("secretco").length).toBe(4);
      for (const r of of("secretco")) {
        expect(r.plain, r.name).not.toContain("Hidden Company 7e31");
        expect(r.secret, r.name).toEqual(r.type.endsWith("Customer") ? ["company"] : ["customer"]);
      }
      for (const r of of("plainco")) expect(r.secret, r.name).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );
});
