// Race runs: two and four `cspctl apply --yes` processes started at once on the same estate, against
// one emulator with latency (and, for every other round, faults: 503s and writes committed whose
// answer is lost), over seeded rounds of three kinds: new customers, existing customers gaining a
// subscription and seats, and one saved plan applied by every process. After each race: no extra
// customer, subscription, user or seat, every process's exit code and report true to what
// happened, and the estate converges.
// The default 6 rounds per variant hold every scenario with 2 and 4 processes, each calm and faulty;
// both variants run at once. CSPCTL_RACE_ROUNDS=N (e.g. 60 for the larger run, docs/testing.md),
// CSPCTL_RACE_SEED, CSPCTL_RACE_PARALLEL (rounds at once per variant, default 3) change the run;
// CSPCTL_RACE_CLI runs another build of the CLI (to measure it, not to pass).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { seededRandom } from "../../emulator/faults/random.js";
import { recordChaosFigures } from "../helpers/chaos-figures.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { raceRound, type RaceRoundResult, type RaceScenario } from "./race-harness.js";

const ROUNDS = Number(process.env.CSPCTL_RACE_ROUNDS ?? 6);
const SEED = Number(process.env.CSPCTL_RACE_SEED ?? 1616);
const PARALLEL = Number(process.env.CSPCTL_RACE_PARALLEL ?? 3);
const SCENARIOS: RaceScenario[] = ["new-customers", "new-subscriptions", "saved-plan"];
const LATENCY = { latencyMs: 10, jitterMs: 40 };
const FAULTS = { ...LATENCY, errorRate: 0.03, dropRate: 0.05 };

/**
 * Each variant runs every round with these extra apply arguments per process. With the estate lock
 * (waiting for it), every report must be true as well; without it (`--lock none`, documented as
 * unsafe), the deterministic idempotency keys alone must still keep every purchase single.
 */
const VARIANTS: { name: string; extraArgs: (processIndex: number) => string[]; everyReportTrue: boolean }[] = [
  { name: "lock local", extraArgs: () => ["--lock-timeout", "10m"], everyReportTrue: true },
  { name: "lock none, keys alone", extraArgs: () => ["--lock", "none"], everyReportTrue: false },
];

let calm: TestEmulator;
let faulty: TestEmulator;
beforeAll(async () => {
  calm = await startEmulator({ domainConfig: { provisioningDelaySeconds: 1 }, faults: { seed: SEED, ...LATENCY } });
  faulty = await startEmulator({
    domainConfig: { provisioningDelaySeconds: 1 },
    faults: { seed: SEED + 1, ...FAULTS },
  });
}, 60_000);
afterAll(async () => {
  await calm?.close();
  await faulty?.close();
});

interface Round {
  index: number;
  scenario: RaceScenario;
  processes: number;
  faults: boolean;
  customers: number;
  usersPerCustomer: number;
}

/**
 * Six rounds hold every scenario with 2 and with 4 processes, each scenario once calm and once with
 * faults; the next six swap calm and faulty, so twelve hold every combination. Sizes drawn from the seed.
 */
function rounds(seed: number, count: number): Round[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const scenario = SCENARIOS[index % 3]!;
    return {
      index,
      scenario,
      processes: Math.floor(index / 3) % 2 === 0 ? 2 : 4,
      faults: (index + Math.floor(index / 6)) % 2 === 1,
      customers: random() < 0.25 ? 2 : 1,
      usersPerCustomer: scenario === "new-customers" ? Math.floor(random() * 2) : 0,
    };
  });
}

describe("race runs: concurrent applies on one estate never buy twice", { timeout: 1_800_000 }, () => {
  it.concurrent.for(VARIANTS)(
    `${ROUNDS} seeded rounds of 2 and 4 processes ($name): no duplicate, no extra seat, every exit code and report true`,
    async ({ name, extraArgs, everyReportTrue }, { expect }) => {
      const root = mkdtempSync(join(tmpdir(), "cspctl-race-"));
      const queue = rounds(SEED, ROUNDS);
      const results: [Round, RaceRoundResult][] = [];
      const worker = async (): Promise<void> => {
        for (let round = queue.shift(); round !== undefined; round = queue.shift()) {
          const result = await raceRound({
            emulator: round.faults ? faulty : calm,
            dir: join(root, `round-${round.index}`),
            tag: `${name.replace(/[^a-z0-9]/g, "")}r${round.index}s${SEED}`,
            scenario: round.scenario,
            processes: round.processes,
            customers: round.customers,
            usersPerCustomer: round.usersPerCustomer,
            extraArgs,
            ...(process.env.CSPCTL_RACE_CLI ? { cli: process.env.CSPCTL_RACE_CLI } : {}),
          });
          results.push([round, result]);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));

      const describe = ([round, r]: [Round, RaceRoundResult]): string =>
        `round ${round.index} (${round.scenario}, ${round.processes} processes${round.faults ? ", faults" : ""}, exits ${r.exits.join("/")})`;
      const duplicates = results.flatMap((entry) =>
        entry[1].duplicates.map((d) => `${describe(entry)}: duplicate ${d}`),
      );
      const untrue = results.flatMap((entry) => entry[1].untrue.map((u) => `${describe(entry)}: ${u}`));
      const notConverged = results.flatMap((entry) =>
        entry[1].lostAfterConverging.map((l) => `${describe(entry)}: still lacks ${l}`),
      );
      const exits: Record<string, number> = {};
      const codes: Record<string, number> = {};
      for (const [, r] of results) for (const e of r.exits) exits[String(e)] = (exits[String(e)] ?? 0) + 1;
      for (const [, r] of results) for (const c of r.codes) codes[c] = (codes[c] ?? 0) + 1;
      recordChaosFigures("race-runs", {
        variant: name,
        seed: SEED,
        rounds: results.length,
        processes: results.reduce((n, [round]) => n + round.processes, 0),
        roundsWithDuplicates: results.filter(([, r]) => r.duplicates.length > 0).length,
        duplicates: duplicates.length,
        extraSeats: results.reduce((n, [, r]) => n + r.extraSeats, 0),
        roundsAllExit0WithDuplicates: results.filter(
          ([, r]) => r.duplicates.length > 0 && r.exits.every((e) => e === 0),
        ).length,
        untrue: untrue.length,
        exits,
        codes,
        convergingApplies: results.reduce((n, [, r]) => n + r.convergingApplies, 0),
        cli: process.env.CSPCTL_RACE_CLI ?? "dist",
      });
      expect(results).toHaveLength(ROUNDS);
      if (process.env.CSPCTL_RACE_CLI) return; // measuring another build: its figures are the result
      expect(duplicates).toEqual([]);
      expect(results.reduce((n, [, r]) => n + r.extraSeats, 0)).toBe(0);
      expect(notConverged).toEqual([]);
      if (everyReportTrue) expect(untrue).toEqual([]);
    },
  );
});
