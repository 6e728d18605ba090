// Every row of the exit-code table (cli/exit-codes.ts, docs/exit-codes.md) for plan, apply and
// drift, by spawning the built CLI against `--emulator-dir DIR`. Between runs the test opens the same
// DIR in-process to move the emulator's clock (orders provisioning, the NCE decrease window), so
// no test waits in real time.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODE_TABLE, exitCodeMarkdown } from "../../cli/exit-codes.js";
import { CLI_PATH, STACK_FRAME } from "../helpers/cli-child.js";
import { runBuiltCliSync } from "../helpers/build-lock.js";
import { startEmulator } from "../helpers/emulator.js";

const PASSWORD = "Exit-C0des-Passw0rd!";
const DOMAIN = "exitcodes.onmicrosoft.com";

function customerYaml(options: { quantity: number; state?: string }): string {
  return `apiVersion: cspctl/v1
kind: Customer
metadata: { name: exitco, labels: { tier: gold } }
spec:
  company: { name: Exit Co, domain: ${DOMAIN}, country: US }
  tenant: { mode: create }
  billing: { email: ap@exitco.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: ${options.quantity}${options.state ? `, state: ${options.state}` : ""} }
  users:
    - { userPrincipalName: ann@${DOMAIN}, firstName: Ann, lastName: Lee, usageLocation: US, password: "\${env:EXITCO_PW}", licenses: [{ subscription: bp }] }
`;
}

const linkYaml = `apiVersion: cspctl/v1
kind: Customer
metadata: { name: linkco }
spec:
  company: { name: Link Co, domain: linkco.onmicrosoft.com, country: US }
  tenant: { mode: link }
  subscriptions:
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1M, billing: monthly, quantity: 1 }
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface ApplyJson {
  outcomes: { action: string; outcome: string; address: string }[];
  summary: Record<string, number>;
  convergence: { status: string; objects: { address: string; action?: string; kind: string; reason: string }[] };
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const result = runBuiltCliSync(CLI_PATH, args, {
    env: { ...process.env, CI: "true", NO_COLOR: "1", EXITCO_PW: PASSWORD, ...env },
    timeoutMs: 420_000,
    lockSeconds: 300,
  });
  expect(result.stdout + result.stderr, `cspctl ${args.join(" ")}`).not.toMatch(STACK_FRAME);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The outcome, with what the CLI said when it is not the expected one. */
const exit = (r: Run): { status: number | null; output: string } => ({ status: r.status, output: r.stdout + r.stderr });
const expectExit = (r: Run, status: number): void => expect(exit(r)).toEqual({ status, output: expect.any(String) });

async function advanceClock(dataDir: string, duration: string): Promise<void> {
  const emulator = await startEmulator({ dataDir });
  try {
    await emulator.control.advanceClock(duration);
  } finally {
    await emulator.close();
  }
}

describe("exit codes of the built CLI, one situation per row of the table", { timeout: 600_000 }, () => {
  it("docs/exit-codes.md holds the table rendered from cli/exit-codes.ts, and --help shows each command's rows", () => {
    const docs = readFileSync(join(import.meta.dirname, "..", "..", "docs", "exit-codes.md"), "utf8");
    expect(docs, "docs/exit-codes.md must contain exitCodeMarkdown() verbatim: paste the table again").toContain(
      exitCodeMarkdown(),
    );
    for (const command of ["plan", "apply", "drift"] as const) {
      const help = run([command, "--help"]);
      expectExit(help, 0);
      const section = help.stdout.slice(help.stdout.indexOf("Exit codes:")).replace(/\s+/g, " ");
      for (const row of EXIT_CODE_TABLE.filter((r) => r.command === command))
        expect(section).toContain(`${row.code} ${row.meaning}`);
    }
  });

  it("plan, apply and drift: 0 converged / no changes, 2 changes, drift or not converged (pending, waiting, blocked, needs a flag), 1 errors", async () => {
    const root = mkdtempSync(join(tmpdir(), "cspctl-exit-"));
    const estate = join(root, "estate");
    const data = join(root, "emulator");
    mkdirSync(estate);
    const write = (options: { quantity: number; state?: string }): void =>
      writeFileSync(join(estate, "exitco.yaml"), customerYaml(options));
    write({ quantity: 3 });
    const credentials = ["--credentials-out", join(root, "credentials.jsonl")];
    const slowOrders = { CSPCTL_EMULATOR_PROVISIONING_DELAY: "3600", CSPCTL_ORDER_WAIT_SECONDS: "0.2" };

    // 1: a --customer or --selector that matches nothing, on every command, listing what exists
    for (const args of [
      ["plan", estate, "--customer", "exitcoo"],
      ["apply", estate, "--yes", "--customer", "exitcoo"],
      ["drift", estate, "--customer", "exitcoo"],
    ]) {
      const typo = run([...args, "--emulator-dir", data]);
      expectExit(typo, 1);
      expect(typo.stderr).toContain(
        "error cli.usage: --customer exitcoo: not declared in the estate (declared: exitco)",
      );
    }
    const nomatch = run([
      "apply",
      estate,
      "--yes",
      "--json",
      "--selector",
      "tier=silver",
      "--emulator-dir",
      data,
      ...credentials,
    ]);
    expectExit(nomatch, 1);
    expect(JSON.parse(nomatch.stdout).error).toMatchObject({
      code: "cli.usage",
      message: "--selector tier=silver: matches no declared customer (labels in use: tier=gold)",
    });

    // plan 2 (changes) and drift 2 (missing) before anything exists
    expectExit(run(["plan", estate, "--detailed-exitcode", "--emulator-dir", data]), 2);
    expectExit(run(["drift", estate, "--emulator-dir", data]), 2);

    // apply 2: the order is still provisioning; its licence waits for it. Pending is never "applied".
    const pending = run(["apply", estate, "--yes", "--json", "--emulator-dir", data, ...credentials], slowOrders);
    expectExit(pending, 2);
    const pendingReport = JSON.parse(pending.stdout) as ApplyJson;
    expect(pendingReport.outcomes.map((o) => `${o.action}:${o.outcome}`)).toEqual([
      "create-customer:applied",
      "create-subscription:pending",
      "create-user:applied",
      "assign:waiting",
    ]);
    expect(pendingReport.convergence).toEqual({
      status: "not-converged",
      objects: [
        {
          address: "customer:exitco/subscription:bp",
          action: "create-subscription",
          kind: "pending",
          reason: expect.stringContaining("still provisioning"),
        },
        {
          address: `customer:exitco/user:ann@${DOMAIN}/license:bp`,
          action: "assign",
          kind: "waiting",
          reason: expect.stringContaining("its order is still provisioning"),
        },
      ],
    });
    // apply 2 again, in text: nothing to write while the order provisions, and the text says why
    const stillPending = run(["apply", estate, "--yes", "--emulator-dir", data, ...credentials], slowOrders);
    expectExit(stillPending, 2);
    expect(stillPending.stdout).not.toMatch(/✓ applied\s+create-subscription/);
    expect(stillPending.stdout).toContain("Not converged: 2 object(s) are not yet as the estate declares:");
    expect(stillPending.stdout).toMatch(/customer:exitco\/subscription:bp: pending, order .* still provisioning/);

    // apply 0 once the order has provisioned (an hour of emulator time later); then plan 0 and drift 0
    await advanceClock(data, "PT2H");
    const converged = run(["apply", estate, "--yes", "--json", "--emulator-dir", data, ...credentials]);
    expectExit(converged, 0);
    expect((JSON.parse(converged.stdout) as ApplyJson).convergence).toEqual({ status: "converged", objects: [] });
    const nothing = run(["apply", estate, "--yes", "--emulator-dir", data, ...credentials]);
    expectExit(nothing, 0);
    expect(nothing.stdout).toContain("Converged: Partner Center matches the estate.");
    expectExit(run(["plan", estate, "--detailed-exitcode", "--emulator-dir", data]), 0);
    expectExit(run(["drift", estate, "--emulator-dir", data]), 0);
    const importTypo = run([
      "import",
      "--tenant",
      "exitcode.onmicrosoft.com",
      "--out",
      join(root, "imported"),
      "--emulator-dir",
      data,
    ]);
    expectExit(importTypo, 1);
    expect(importTypo.stderr).toMatch(
      /cli\.usage: --customer exitcode\.onmicrosoft\.com: not a customer of this partner \(customers: .*exitcodes\.onmicrosoft\.com/,
    );

    // apply 2: a decrease blocked by the NCE window (eight days after the purchase); plan 2 and drift 2 too
    await advanceClock(data, "P8D");
    write({ quantity: 2 });
    const blocked = run(["apply", estate, "--yes", "--json", "--emulator-dir", data, ...credentials]);
    expectExit(blocked, 2);
    expect((JSON.parse(blocked.stdout) as ApplyJson).convergence.objects).toEqual([
      {
        address: "customer:exitco/subscription:bp",
        action: "resize",
        kind: "blocked",
        reason: expect.stringMatching(/^plan\.decrease_outside_window: /),
      },
    ]);
    expectExit(run(["plan", estate, "--detailed-exitcode", "--emulator-dir", data]), 2);
    expectExit(run(["drift", estate, "--emulator-dir", data]), 2);

    // apply 2: a destructive step of a protected customer skipped without --allow-destructive; 0 with it
    write({ quantity: 3, state: "suspended" });
    const needsFlag = run(["apply", estate, "--yes", "--json", "--emulator-dir", data, ...credentials]);
    expectExit(needsFlag, 2);
    expect((JSON.parse(needsFlag.stdout) as ApplyJson).convergence.objects).toEqual([
      {
        address: "customer:exitco/subscription:bp",
        action: "suspend",
        kind: "needs-flag",
        reason: expect.stringContaining("--allow-destructive"),
      },
    ]);
    expectExit(run(["apply", estate, "--yes", "--allow-destructive", "--emulator-dir", data, ...credentials]), 0);

    // apply 2: a reseller invitation sent, then still not accepted
    const linkEstate = join(root, "link");
    mkdirSync(linkEstate);
    writeFileSync(join(linkEstate, "linkco.yaml"), linkYaml);
    for (const attempt of ["sent", "still waiting"]) {
      const invited = run(["apply", linkEstate, "--yes", "--json", "--emulator-dir", data, ...credentials]);
      expectExit(invited, 2);
      expect((JSON.parse(invited.stdout) as ApplyJson).convergence, attempt).toEqual({
        status: "not-converged",
        objects: [
          {
            address: "customer:linkco",
            action: "send-invitation",
            kind: "waiting",
            reason: expect.stringMatching(/accept/),
          },
        ],
      });
    }

    // apply 1: an error (here a saved plan whose estate changed since)
    const saved = join(root, "saved-plan.json");
    expectExit(run(["plan", estate, "--out", saved, "--emulator-dir", data]), 0);
    write({ quantity: 4, state: "suspended" });
    const stale = run(["apply", "--plan", saved, "--yes", "--emulator-dir", data, ...credentials]);
    expectExit(stale, 1);
    expect(stale.stderr).toContain("plan.estate_changed");
  });
});
