// Secret scanning: validate, plan, apply, drift (every format) and import run against an
// emulator holding a known client secret and refresh token, with generated and environment
// passwords, injected faults and a wrong credential. Every byte of stdout, stderr and every written
// file is scanned for the secret, every token the CLI sent or received (captured from its own
// HTTP traffic), every refresh token the emulator issued, and every password: zero occurrences.
// The credentials file is the one place passwords may be; even it must not hold tokens or secrets.
// The library path runs too, at debug log level, with its log lines scanned the same way. An estate
// reading free text from ${env:} (values scanned as secrets, except a quantity, which is safe to show)
// and an import of a customer whose names are ${env:} references to cspctl's credentials run too.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
// The emulator's data folder is scanned too: it must hold no password.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createLogger } from "../../client/index.js";
import { applyPlan, loadEstate, planEstate, type CredentialSink } from "../../reconciler/index.js";
import { runCli, describeAbnormalEnd, type CliRun } from "../helpers/cli-child.js";
import { savedRefreshTokens } from "../helpers/data-dir.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { writeGeneratedEstate } from "../helpers/generated-estate.js";
import { knownPartner, seedOf, type KnownPartner } from "../helpers/known-partners.js";
import {
  capturedSecrets,
  filesUnder,
  scanForJwts,
  scanForSecrets,
  type KnownSecret,
  type ScannedOutput,
} from "../helpers/secret-scan.js";

const KNOWN_USER_PASSWORD = "Chaos-Env-Passw0rd!-7f3a9c";
const WRONG_SECRET = "chaos-wrong-secret-0b8e4f6d2a";
const CAPTURE_PRELOAD = pathToFileURL(join(import.meta.dirname, "capture-secrets.mjs")).href;

let emu: TestEmulator;
let partner: KnownPartner;
let work: string;
let emulatorDir: string;
const captureFile = () => join(emulatorDir, "..", "captured.jsonl");
const outputs: ScannedOutput[] = [];
const runs: { args: string[]; run: CliRun }[] = [];
/** Passwords the library path generated (the CLI's are read from its --credentials-out file). */
const libraryPasswords: KnownSecret[] = [];

/** Variables the env-estate reads (SEC_SEATS is a quantity, safe to show; the others must never appear). */
const ENV_VALUES = {
  SEC_COMPANY: "Envsec Company 4b7e0c",
  SEC_CONTACT: "Contact 8e21f9",
  SEC_NOTE: "note-9d2f61aa",
  SEC_DISPLAY: "Display 55aa1c7",
  SEC_DOMAIN: "Bad Domain 3c4d0e",
  SEC_SEATS: "3",
};
const HOSTILE_TENANT = "5d0c1e9a-7b7e-4c51-9f0a-3e6f2b8d4a11";

function cliEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...(emu.env as Record<string, string>),
    ...ENV_VALUES,
    CSPCTL_LOG_LEVEL: "debug",
    CHAOS_USER_PW: KNOWN_USER_PASSWORD,
    CSPCTL_CHAOS_CAPTURE: captureFile(),
    NODE_OPTIONS: `--import=${CAPTURE_PRELOAD}`,
    ...overrides,
  };
}

async function cli(commandLine: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const args = debugCommands.has(commandLine[0]!) ? [...commandLine, "--log-level", "debug"] : commandLine;
  const run = await runCli(args, { cwd: work, env: cliEnv(env), timeoutMs: 120_000 });
  runs.push({ args, run });
  outputs.push(
    { source: `${args.join(" ")} stdout`, content: run.stdout },
    { source: `${args.join(" ")} stderr`, content: run.stderr },
  );
  return run;
}

/** Commands that take --log-level (all of them get CSPCTL_LOG_LEVEL=debug as well). */
const debugCommands = new Set<string>();

const DRIFT_FORMATS = ["text", "json", "markdown", "html", "junit", "sarif"];
/** Run after the estate is applied; add a line here to scan another command (or the Pulumi provider's CLI-driven tests). */
const LATER_COMMANDS: { args: string[]; env?: Record<string, string> }[] = [
  { args: ["drift", "estate", ...DRIFT_FORMATS.flatMap((f) => ["--format", f, "--out", `drift/report.${f}`])] },
  { args: ["drift", "estate"] },
  { args: ["drift", "estate", "--json"], env: { CSPCTL_CLIENT_SECRET: WRONG_SECRET } },
  { args: ["import", "--all-customers", "--out", "imported", "--json"] },
];

/** Every password the runs made or used: the ${env:} one, the CLI's (from its credentials file) and the library's. */
function knownPasswords(): KnownSecret[] {
  return [
    { label: "the ${env:} user password", value: KNOWN_USER_PASSWORD },
    ...readFileSync(join(work, "credentials.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l, i) => ({
        label: `credentials-out password #${i + 1}`,
        value: (JSON.parse(l) as { password: string }).password,
      })),
    ...libraryPasswords,
  ];
}

beforeAll(async () => {
  partner = knownPartner("s");
  const root = mkdtempSync(join(tmpdir(), "cspctl-secrets-"));
  emulatorDir = join(root, "emulator");
  work = join(root, "work");
  mkdirSync(work);
  emu = await startEmulator({
    seed: seedOf(partner),
    dataDir: emulatorDir,
    domainConfig: { provisioningDelaySeconds: 0 },
  });
  writeGeneratedEstate(join(work, "estate"), {
    customers: 3,
    tag: "sec",
    usersPerCustomer: 2,
    envPassword: { name: "CHAOS_USER_PW", userIndexes: [1] },
  });
  for (const command of ["plan", "apply", "drift", "import"]) {
    const help = await runCli([command, "--help"], { env: { ...emu.env } });
    if (/--log-level/.test(help.stdout)) debugCommands.add(command);
  }
}, 60_000);
afterAll(async () => emu?.close());

describe("secret scanning of every CLI output", { timeout: 300_000 }, () => {
  it("validate, plan, apply (clean, under faults, with a wrong secret) and re-plan leak nothing", async () => {
    expect(describeAbnormalEnd(await cli(["validate", "estate"]))).toBeUndefined();
    await cli(["validate", "estate", "--json"]);
    await cli(["plan", "estate", "--json"]);
    const planned = await cli(["plan", "estate", "--out", "saved-plan.json"]);
    expect(planned.status, planned.stderr).toBe(0);

    const applied = await cli([
      "apply",
      "--plan",
      "saved-plan.json",
      "--yes",
      "--json",
      "--credentials-out",
      "credentials.jsonl",
    ]);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);

    // A change applied under faults: retries, warnings and failures take the error paths.
    writeGeneratedEstate(join(work, "estate"), {
      customers: 3,
      tag: "sec",
      usersPerCustomer: 2,
      extraSeats: 1,
      envPassword: { name: "CHAOS_USER_PW", userIndexes: [1] },
    });
    await emu.control.faults({ seed: 11, errorRate: 0.2, dropRate: 0.1, jitterMs: 20 });
    await cli(["apply", "estate", "--yes", "--credentials-out", "credentials.jsonl"]);
    await emu.control.clearFaults();

    // A refused credential: the error output must name the problem, not the secret it was given.
    // (Its exit code, and apply --json saying nothing at all, are the finding chaos-unreadable-estate-exit-0.)
    const refused = await cli(["plan", "estate"], { CSPCTL_CLIENT_SECRET: WRONG_SECRET });
    expect(refused.stdout + refused.stderr).toContain("AADSTS7000215");

    const after = await cli(["plan", "estate", "--detailed-exitcode"]);
    expect(after.status, after.stdout + after.stderr).toBe(0);

    for (const { args, env } of LATER_COMMANDS) await cli([...args], env);
    // Not vacuous: where the CLI takes --log-level, its debug records (requests, responses, headers) were scanned.
    expect([...debugCommands].sort()).toEqual(["apply", "drift", "import", "plan"]);
    for (const command of debugCommands)
      expect(
        runs.some(({ args, run }) => args[0] === command && run.stderr.includes('"level":"debug"')),
        command,
      ).toBe(true);

    // 2 = changes or drift found (Terraform's convention), a normal end for drift and plan --detailed-exitcode.
    for (const { args, run } of runs)
      expect(
        describeAbnormalEnd(run, [0, 1, 2]),
        `${args.join(" ")}\n${run.stdout.slice(0, 1500)}\n${run.stderr.slice(0, 1500)}`,
      ).toBeUndefined();
  });

  it("the library path at debug log level leaks nothing either", async () => {
    const lines: string[] = [];
    const client = createClient({
      env: { ...emu.env },
      logger: createLogger({ level: "debug", sink: (line) => lines.push(line) }),
      poll: { intervalMs: 50 },
    });
    try {
      const estateDir = join(work, "library-estate");
      writeGeneratedEstate(estateDir, {
        customers: 2,
        tag: "lib",
        usersPerCustomer: 2,
        envPassword: { name: "CHAOS_USER_PW", userIndexes: [0] },
      });
      const loaded = await loadEstate(estateDir, { cwd: work, env: { CHAOS_USER_PW: KNOWN_USER_PASSWORD } });
      if (!loaded.valid) throw new Error(JSON.stringify(loaded.diagnostics));
      const credentials: { password: string }[] = [];
      const { plan } = await planEstate(client, loaded.estate, {});
      const sink: CredentialSink = {
        record: (c) => void credentials.push(c),
        get count() {
          return credentials.length;
        },
      };
      const report = await applyPlan(plan, { client, estate: loaded.estate, credentials: sink });
      expect(report.summary.failed).toBe(0);
      expect(lines.some((l) => l.includes('"level":"debug"'))).toBe(true);
      outputs.push(
        { source: "library debug log", content: lines.join("\n") },
        { source: "library plan", content: JSON.stringify(plan) },
        { source: "library report", content: JSON.stringify(report) },
      );
      for (const [index, c] of credentials.entries())
        libraryPasswords.push({ label: `library password #${index + 1}`, value: c.password });
    } finally {
      await client.close();
    }
  });

  it("${env:} values and imported hostile text leak nothing (validate, plan, saved plan, apply, drift, import)", async () => {
    // An estate whose free text comes from the environment: outputs show ${env:NAME}, never the value.
    const envEstate = (company: string, domain = "envsec.onmicrosoft.com"): string => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: envsec }
spec:
  company: { name: "${company}", domain: "${domain}", country: US }
  tenant: { mode: create }
  billing: { email: ap@envsec.example, firstName: "\${env:SEC_CONTACT}", lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - name: bp
      offer: CFQ7TTC0LCHC:0002
      term: P1Y
      billing: monthly
      quantity: \${env:SEC_SEATS}
      friendlyName: "Seats for \${env:SEC_NOTE}"
  users:
    - { userPrincipalName: ada@envsec.onmicrosoft.com, firstName: Ada, lastName: L, displayName: "\${env:SEC_DISPLAY}", usageLocation: US, password: "\${env:CHAOS_USER_PW}", licenses: [{ subscription: bp }] }
`;
    // First (while Partner Center holds no ${env:} value: once sent, a value is Partner Center's data, see
    // docs/security.md), a customer's admin writes references to cspctl's credentials and to a set variable into their own names.
    await emu.control.seed({
      partners: [
        {
          tenantId: emu.env.CSPCTL_TENANT_ID,
          customers: [
            {
              tenantId: HOSTILE_TENANT,
              companyName: "${env:CSPCTL_CLIENT_SECRET}",
              domain: "hostilesec.onmicrosoft.com",
              country: "US",
              subscriptions: [
                {
                  offerId: "CFQ7TTC0LCHC:0002",
                  quantity: 2,
                  termDuration: "P1Y",
                  billingCycle: "monthly",
                  friendlyName: "${env:SEC_NOTE}",
                },
              ],
              users: [
                {
                  userPrincipalName: "eve@hostilesec.onmicrosoft.com",
                  firstName: "${env:CSPCTL_REFRESH_TOKEN}",
                  lastName: "${env:SEC_COMPANY}",
                  displayName: "${env:CSPCTL_CLIENT_SECRET}",
                  usageLocation: "US",
                },
              ],
            },
          ],
        },
      ],
    });
    const imported = await cli(["import", "--tenant", "hostilesec.onmicrosoft.com", "--out", "imported-hostile"]);
    expect(imported.status, imported.stderr).toBe(0);
    const file = join(work, "imported-hostile", "hostilesec.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("mode: observe", "mode: enforce").replace("quantity: 2", "quantity: 3"),
    );
    expect((await cli(["validate", "imported-hostile"])).status).toBe(0);
    await cli(["plan", "imported-hostile", "--json"]);
    const enforced = await cli(["apply", "imported-hostile", "--yes", "--json"]);
    expect(enforced.status, enforced.stdout + enforced.stderr).toBe(0);
    expect(JSON.parse(enforced.stdout).outcomes.map((o: { action: string }) => o.action)).toEqual(["resize"]);
    await cli(["drift", "imported-hostile", "--format", "markdown", "--out", "hostile-drift.md"]);
    const write = (dir: string, text: string): void => {
      mkdirSync(join(work, dir), { recursive: true });
      writeFileSync(join(work, dir, "envsec.yaml"), text);
    };
    write("env-estate", envEstate("${env:SEC_COMPANY}"));
    write("env-broken", envEstate("${env:SEC_COMPANY}", "${env:SEC_DOMAIN}"));
    write("env-credential", envEstate("${env:CSPCTL_CLIENT_SECRET}"));
    expect((await cli(["validate", "env-estate"])).status).toBe(0);
    const broken = await cli(["validate", "env-broken", "--json"]);
    expect(broken.stdout).toContain("${env:SEC_DOMAIN}");
    const refused = await cli(["validate", "env-credential"]);
    expect(refused.status).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("estate.env_credential");
    await cli(["plan", "env-estate"]);
    const planned = await cli(["plan", "env-estate", "--json", "--out", "env-plan.json"]);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toContain("${env:SEC_COMPANY}");
    expect(planned.stdout).toContain('"quantity": 3'); // safe to show
    const applied = await cli([
      "apply",
      "--plan",
      "env-plan.json",
      "--yes",
      "--json",
      "--credentials-out",
      "credentials.jsonl",
    ]);
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    expect((await cli(["plan", "env-estate", "--detailed-exitcode"])).status).toBe(0);
    await cli([
      "drift",
      "env-estate",
      ...DRIFT_FORMATS.flatMap((f) => ["--format", f, "--out", `env-drift/report.${f}`]),
    ]);
    write("env-estate", envEstate("${env:SEC_COMPANY}").replace("Seats for", "Seat count for"));
    await cli(["drift", "env-estate", "--json"]);
    await cli(["apply", "env-estate", "--yes", "--json"]);

    for (const { args, run } of runs) expect(describeAbnormalEnd(run, [0, 1, 2]), args.join(" ")).toBeUndefined();
  });

  it("finds zero secrets, tokens or passwords in any output", () => {
    const credentialsFile = join(work, "credentials.jsonl");
    const passwords = knownPasswords();
    const issuedRefreshTokens = savedRefreshTokens(emulatorDir).map((value, i) => ({
      label: `issued refresh token #${i + 1}`,
      value,
    }));
    const tokens = capturedSecrets(captureFile());
    const secrets: KnownSecret[] = [
      ...Object.entries(ENV_VALUES)
        .filter(([name]) => name !== "SEC_SEATS")
        .map(([name, value]) => ({ label: `\${env:${name}} value`, value })),
      { label: "client secret", value: partner.clientSecret },
      { label: "wrong client secret", value: WRONG_SECRET },
      { label: "seeded refresh token", value: partner.refreshToken },
      ...issuedRefreshTokens,
      ...tokens,
      ...passwords,
    ];
    // Not vacuous: the runs generated passwords, used tokens, and the capture saw them.
    expect(passwords.length).toBeGreaterThanOrEqual(6);
    expect(tokens.filter((t) => t.label.includes("bearer")).length).toBeGreaterThan(0);
    expect(tokens.filter((t) => t.label.includes("access_token")).length).toBeGreaterThan(0);
    expect(tokens.filter((t) => t.label.includes("refresh_token")).length).toBeGreaterThan(0);

    const isPassword = (secret: KnownSecret) => passwords.includes(secret);
    const files = filesUnder(work, { allow: (path, secret) => path === credentialsFile && isPassword(secret) });
    expect(files.map((f) => f.source)).toEqual(
      expect.arrayContaining([
        "file saved-plan.json",
        "file credentials.jsonl",
        "file env-plan.json",
        "file env-drift/report.sarif",
        "file imported-hostile/hostilesec.yaml",
      ]),
    );
    const everything = [...outputs, ...files];
    const hits = [...scanForSecrets(everything, secrets), ...scanForJwts(everything)];
    writeFileSync(
      join(emulatorDir, "..", "scan-summary.json"),
      JSON.stringify({ outputs: everything.length, secrets: secrets.length, hits: hits.length }),
    );
    expect(hits).toEqual([]);
  });

  // The emulator's data folder necessarily holds its own credentials (the seeded client secret and
  // refresh token, the tokens it issued, its keys); it must hold no password of anyone's.
  it("the emulator's data folder holds no password, and is private", () => {
    const passwords = knownPasswords();
    expect(passwords.length).toBeGreaterThanOrEqual(6);
    const files = filesUnder(emulatorDir);
    expect(files.map((f) => f.source)).toEqual(
      expect.arrayContaining(["file state.json", "file journal.jsonl", "file .gitignore"]),
    );
    expect(scanForSecrets(files, passwords)).toEqual([]);
    expect(statSync(emulatorDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(emulatorDir, ".gitignore"), "utf8")).toBe("*\n");
  });
});
