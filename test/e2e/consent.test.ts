// Application consent through the CLI (cspctl apply / plan / drift, in-process) against a running
// emulator: the consent waits for the customer's approval of the declared GDAP relationship and for
// its access assignment, is then granted and read back (apply converges, exit 0), drift shows it
// missing before and nothing after; the state directory records what cspctl granted and removed; a
// consent declared revoked is removed only with --allow-destructive.
import { randomUUID } from "node:crypto";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConsentLog } from "../../reconciler/apply/consent-log.js";
import { runCliInProcess } from "../helpers/cli-in-process.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";

const GROUP = "869713c9-0b28-4d08-8949-ae07ae1bf528";
const tenantId = randomUUID();
const domain = "consente2e.onmicrosoft.com";

interface ApplyJson {
  outcomes: { action: string; outcome: string; detail?: Record<string, unknown> }[];
  convergence: { status: string };
}
interface PlanJson {
  steps: { action: string; status: string; address: string; target: { relationshipId?: string } }[];
}

let emulator: TestEmulator;
let work: string;
let env: Record<string, string | undefined>;
beforeAll(async () => {
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  await emulator.control.seed({
    partners: [
      {
        tenantId: emulator.env.CSPCTL_TENANT_ID,
        customers: [{ tenantId, companyName: "Consent E2E", domain, country: "US", gdap: false }],
      },
    ],
  });
  work = mkdtempSync(join(tmpdir(), "cspctl-e2e-consent-"));
  env = { ...emulator.env, CSPCTL_STATE_DIR: join(work, ".cspctl") };
});
afterAll(async () => emulator?.close());

/** Writes the estate (one file) and returns its path. */
function declare(state: "granted" | "revoked"): string {
  const file = join(work, "consentco.yaml");
  writeFileSync(
    file,
    `apiVersion: cspctl/v1
kind: Customer
metadata: { name: consentco }
spec:
  company: { name: Consent E2E, domain: ${domain}, country: US }
  tenant: { mode: link, id: ${tenantId} }
  access:
    gdap:
      displayName: Consent E2E services
      roles: [User Administrator, License Administrator, Cloud Application Administrator]
      duration: P365D
      accessAssignments:
        - { group: ${GROUP}, roles: [User Administrator, License Administrator, Cloud Application Administrator] }
    consents:
      - applicationId: ${emulator.env.CSPCTL_CLIENT_ID}
        displayName: Partner monitoring
        scopes: [User.Read.All, Reports.Read.All]
        state: ${state}
`,
  );
  return file;
}

const cli = (args: string[]) => runCliInProcess(args, { env, cwd: work });
const apply = async (file: string, ...flags: string[]) => {
  const result = await cli(["apply", file, "--yes", "--json", ...flags]);
  return { status: result.status, report: JSON.parse(result.stdout) as ApplyJson, stderr: result.stderr };
};
const outcomes = (report: ApplyJson) => report.outcomes.map((o) => `${o.action} ${o.outcome}`);

describe("application consent through the CLI", { timeout: 300_000 }, () => {
  it("waits for GDAP, is granted and converges; drift reports it; revoked needs --allow-destructive", async () => {
    const file = declare("granted");
    // the customer has granted no role yet: its users and licences cannot be read (--allow-unknown)
    const first = await apply(file, "--allow-unknown");
    expect(first.status, first.stderr).toBe(2);
    expect(outcomes(first.report)).toEqual(["create-gdap applied", "assign-gdap waiting", "create-consent waiting"]);

    const waiting = JSON.parse((await cli(["plan", file, "--json", "--allow-unknown"])).stdout) as PlanJson;
    const relationshipId = waiting.steps[0]!.target.relationshipId!;
    await emulator.control.gdap(relationshipId, "approve");
    await emulator.control.advanceClock("PT1M");
    const assigned = await apply(file, "--allow-unknown");
    expect(outcomes(assigned.report)).toEqual(["assign-gdap applied", "create-consent waiting"]);
    expect(assigned.status).toBe(2);
    await emulator.control.advanceClock("PT1M");

    const drift = await cli(["drift", file, "--json"]);
    expect(drift.status, drift.stderr).toBe(2);
    const consentAddress = `customer:consentco/consent:${emulator.env.CSPCTL_CLIENT_ID!.toLowerCase()}`;
    expect(
      (JSON.parse(drift.stdout) as { findings: { category: string; address: string }[] }).findings.map(
        (f) => `${f.category} ${f.address}`,
      ),
    ).toEqual([`missing ${consentAddress}`]);
    const text = await cli(["plan", file]);
    expect(text.stdout).toContain(consentAddress);

    const granted = await apply(file);
    expect(granted.status, granted.stderr).toBe(0);
    expect(outcomes(granted.report)).toEqual(["create-consent applied"]);
    expect(granted.report.convergence.status).toBe("converged");
    // nothing at Microsoft says who granted it: the state directory keeps cspctl's record, private
    const log = join(work, ".cspctl", "consents.json");
    expect(readConsentLog(log)).toEqual([
      expect.objectContaining({
        customer: "consentco",
        applicationId: emulator.env.CSPCTL_CLIENT_ID!.toLowerCase(),
        state: "granted",
        scopes: ["Reports.Read.All", "User.Read.All"],
      }),
    ]);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect((await cli(["plan", file, "--detailed-exitcode"])).status).toBe(0);
    expect((await cli(["drift", file, "--json"])).status).toBe(0);

    declare("revoked");
    const held = await apply(file);
    expect(outcomes(held.report)).toEqual(["delete-consent skipped"]);
    expect(held.status).toBe(2);
    const removed = await apply(file, "--allow-destructive");
    expect(removed.status, removed.stderr).toBe(0);
    expect(outcomes(removed.report)).toEqual(["delete-consent applied"]);
    expect(readConsentLog(log)).toEqual([expect.objectContaining({ state: "removed", scopes: [] })]);
    expect((await cli(["plan", file, "--detailed-exitcode"])).status).toBe(0);
  });
});
