// One race round: several `cspctl apply --yes` processes started at the same moment on the same
// estate against one emulator (two CI jobs, a re-run pipeline, a laptop and CI together), then the
// emulator's state checked through its own API and every process's exit code and report checked
// against what happened. Extra CLI arguments per process (`extraArgs`) let the same rounds run with
// other apply settings.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CLI_PATH, describeAbnormalEnd, runNodeChild, type CliRun } from "../helpers/cli-child.js";
import type { TestEmulator } from "../helpers/emulator.js";
import { checkEstateInvariants, type InvariantReport, type InvariantView } from "../helpers/estate-invariants.js";
import { writeGeneratedEstate, type DeclaredCustomer } from "../helpers/generated-estate.js";

/** new-customers: tenants to create and buy for; new-subscriptions: customers that exist, a subscription to add and seats to raise; saved-plan: one `plan --out` file applied by every process. */
export type RaceScenario = "new-customers" | "new-subscriptions" | "saved-plan";

export interface RaceRoundOptions {
  emulator: TestEmulator;
  /** A folder of its own: the estate, the saved plan, the state folder the processes share. */
  dir: string;
  /** Letters and digits: keeps this round's domains apart from other rounds on the same emulator. */
  tag: string;
  scenario: RaceScenario;
  processes: number;
  customers: number;
  usersPerCustomer: number;
  /** The built CLI to run (default dist/cli/main.js). */
  cli?: string;
  /** Arguments added to process i's apply. */
  extraArgs?: (processIndex: number) => string[];
  timeoutMs?: number;
}

export interface RaceRoundResult {
  exits: (number | null)[];
  /** Each process's error codes (its error, its failed steps' and apply.duplicate_purchase for a duplicate it reported). */
  codes: string[];
  /** Extra customers, subscriptions or users right after the race. */
  duplicates: string[];
  extraSeats: number;
  /** Ways a process's exit code or report did not match what happened. */
  untrue: string[];
  /** Applies run one after another after the race until the estate held everything declared (0: a racer already converged it). */
  convergingApplies: number;
  lostAfterConverging: string[];
}

interface ApplyJson {
  outcomes?: {
    action: string;
    outcome: string;
    address: string;
    error?: { code?: string };
    detail?: { subscriptionId?: unknown; provisioning?: unknown };
  }[];
  summary?: Record<string, number>;
  duplicates?: unknown[];
  error?: { code?: string };
}

export async function raceRound(options: RaceRoundOptions): Promise<RaceRoundResult> {
  const { emulator, dir } = options;
  mkdirSync(dir, { recursive: true });
  const estate = join(dir, "estate");
  // Orders pend for the emulator's provisioning delay; looking every 100 ms (as `--emulator` does)
  // instead of Partner Center's 5 s keeps the race at the emulator's pace.
  const env = { ...emulator.env, CSPCTL_STATE_DIR: join(dir, ".cspctl"), CSPCTL_POLL_INTERVAL_MS: "100" };
  const timeoutMs = options.timeoutMs ?? 300_000;
  const cli = (args: string[], extra: string[] = []): Promise<CliRun> =>
    runNodeChild([options.cli ?? CLI_PATH, ...args, ...extra], { cwd: dir, env, timeoutMs });
  const write = (only?: string[], extraSeats = 0): DeclaredCustomer[] =>
    writeGeneratedEstate(estate, {
      customers: options.customers,
      tag: options.tag,
      usersPerCustomer: options.usersPerCustomer,
      extraSeats,
      ...(only ? { subscriptions: only } : {}),
    });

  let declared: DeclaredCustomer[];
  if (options.scenario === "new-subscriptions") {
    write(["bp"]);
    let setup = await cli(["apply", "estate", "--yes", "--json", "--credentials-out", "setup-credentials.jsonl"]);
    for (let again = 0; setup.status !== 0 && again < 3; again++)
      setup = await cli(["apply", "estate", "--yes", "--json", "--credentials-out", "setup-credentials.jsonl"]);
    if (setup.status !== 0)
      throw new Error(`setup apply exited ${setup.status}: ${setup.stderr.slice(0, 400)}${setup.stdout.slice(0, 400)}`);
    declared = write(undefined, 1);
  } else {
    declared = write();
  }
  if (options.scenario === "saved-plan") {
    const planned = await cli(["plan", "estate", "--out", "plan.json"]);
    if (planned.status !== 0) throw new Error(`plan --out exited ${planned.status}: ${planned.stderr.slice(0, 400)}`);
  }
  const source = options.scenario === "saved-plan" ? ["--plan", "plan.json"] : ["estate"];
  const runs = await Promise.all(
    Array.from({ length: options.processes }, (_, i) =>
      cli(
        ["apply", ...source, "--yes", "--json", "--credentials-out", `credentials-${i}.jsonl`],
        options.extraArgs?.(i) ?? [],
      ),
    ),
  );

  const view = patient(emulator);
  const after = await checkEstateInvariants(view, declared);
  const live = await liveSubscriptionIds(view, declared);
  const untrue = runs.flatMap((run, i) => untruths(run, i, after, live));
  let convergingApplies = 0;
  let lost = after.lost;
  while (lost.length > 0 && convergingApplies < 3) {
    convergingApplies++;
    await cli(["apply", "estate", "--yes", "--json", "--credentials-out", "converge-credentials.jsonl"]);
    lost = (await checkEstateInvariants(view, declared)).lost;
  }
  return {
    exits: runs.map((r) => r.status),
    codes: runs.flatMap(errorCodes),
    duplicates: after.duplicates,
    extraSeats: after.extraSeats,
    untrue,
    convergingApplies,
    lostAfterConverging: lost,
  };
}

/** What process `i` claimed that is not so: an exit 0 over an estate not converged, an exit 1 with nothing failed, a subscription reported that does not exist. */
function untruths(run: CliRun, i: number, after: InvariantReport, live: ReadonlySet<string>): string[] {
  const abnormal = describeAbnormalEnd(run, [0, 1, 2]);
  if (abnormal !== undefined) return [`process ${i}: ${abnormal}: ${run.stderr.slice(0, 300)}`];
  const report = parse(run.stdout);
  const problems: string[] = [];
  const failed = report?.summary?.failed ?? 0;
  if (run.status === 0) {
    if (report?.summary === undefined) problems.push(`process ${i}: exit 0 without an apply report`);
    if (failed > 0) problems.push(`process ${i}: exit 0 with ${failed} failed step(s)`);
    if (after.lost.length > 0) problems.push(`process ${i}: exit 0, but the estate lacks ${after.lost.join(", ")}`);
    if (after.duplicates.length > 0) problems.push(`process ${i}: exit 0 over ${after.duplicates.join(", ")}`);
  }
  if (run.status === 1 && failed === 0 && report?.error?.code === undefined && (report?.duplicates ?? []).length === 0)
    problems.push(`process ${i}: exit 1 with no failed step, no duplicate and no error`);
  for (const o of report?.outcomes ?? []) {
    const id = o.detail?.subscriptionId;
    if (
      o.action === "create-subscription" &&
      o.outcome === "applied" &&
      typeof id === "string" &&
      !live.has(id.toLowerCase())
    )
      problems.push(`process ${i}: reports ${o.address} bought as ${id}, which is not a live subscription`);
  }
  return problems;
}

function errorCodes(run: CliRun): string[] {
  const report = parse(run.stdout);
  const codes = [
    ...(report?.error?.code ? [report.error.code] : []),
    ...(report?.outcomes ?? []).flatMap((o) => (o.error?.code ? [o.error.code] : [])),
  ];
  if ((report?.duplicates ?? []).length > 0) codes.push("apply.duplicate_purchase");
  return codes;
}

function parse(stdout: string): ApplyJson | undefined {
  try {
    return JSON.parse(stdout) as ApplyJson;
  } catch {
    return undefined;
  }
}

/** The emulator seen through reads that outlast its injected 503s and 429s (the checks are not under test). */
function patient(emulator: TestEmulator): InvariantView {
  return {
    token: (options) => emulator.token(options),
    async send(path, options) {
      for (let attempt = 1; ; attempt++) {
        const answer = await emulator.send(path, options);
        if ((answer.status !== 503 && answer.status !== 429) || attempt >= 50) return answer;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

async function liveSubscriptionIds(
  emulator: InvariantView,
  declared: readonly DeclaredCustomer[],
): Promise<Set<string>> {
  const token = await emulator.token({ audience: "partner-center", kind: "user" });
  const ids = new Set<string>();
  const customers = (await emulator.send("/v1/customers?size=500", { token })).body as {
    items: { id: string; companyProfile: { domain: string } }[];
  };
  const domains = new Set(declared.map((c) => c.domain.toLowerCase()));
  for (const customer of customers.items.filter((c) => domains.has(c.companyProfile.domain.toLowerCase()))) {
    const subscriptions = (await emulator.send(`/v1/customers/${customer.id}/subscriptions`, { token })).body as {
      items: { id: string; status: string }[];
    };
    for (const s of subscriptions.items) if (s.status !== "deleted") ids.add(s.id.toLowerCase());
  }
  return ids;
}
