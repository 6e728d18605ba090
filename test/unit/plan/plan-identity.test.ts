// The planner was made faster for 10,000 customers (bench planner-pure); its plans must not change
// by a byte. fixtures/plan-identity.json holds the plans the planner printed before that work
// (commit 304f788) for the estate built here: 60 generated customers, 8 users each, with drift of
// every kind (bench/estate/actual-from-desired.ts withVariedDrift, seed 15) and, separately, the
// bench's own plain drift. The fingerprint inside each plan pins fingerprintActual too; it is the only
// thing changed since, when the fingerprint came to cover only the customers a plan has steps for.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualFromDesired, withVariedDrift } from "../../../bench/estate/actual-from-desired.js";
import { generateEstate, writeEstate } from "../../../bench/estate/generate-estate.js";
import { loadEstate } from "../../../reconciler/load/load-estate.js";
import type { DesiredEstate } from "../../../reconciler/model/desired-estate.js";
import { planChanges } from "../../../reconciler/plan/plan-changes.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const expected = JSON.parse(readFileSync(new URL("./fixtures/plan-identity.json", import.meta.url), "utf8")) as Record<
  string,
  unknown
>;

describe("planChanges prints the same plans as before the planner-pure work", () => {
  let root: string;
  let estate: DesiredEstate;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "cspctl-plan-identity-"));
    writeEstate(generateEstate({ customers: 60, subscriptions: 3, usersPerCustomer: 8, seed: 8 }), root);
    const loaded = await loadEstate(root, { cwd: root, env: {} });
    if (!loaded.valid || loaded.estate === undefined)
      throw new Error(`the generated estate did not load: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
    estate = loaded.estate;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("with drift of every kind (changed, missing, extra, unreadable; prune, observe, ignore)", () => {
    const { customers, actual } = withVariedDrift(estate.customers, actualFromDesired(estate, NOW), 15);
    const plan = planChanges({ customers }, actual, {
      now: NOW,
      reportUnmanagedCustomers: true,
      declaredElsewhere: [],
    });
    expect(plan.steps.length).toBeGreaterThan(100);
    expect(JSON.stringify(plan, null, 1)).toBe(JSON.stringify(expected.varied, null, 1));
  });

  it("with the bench's plain drift (seats and users missing)", () => {
    const plan = planChanges(
      { customers: estate.customers },
      actualFromDesired(estate, NOW, { resizeEvery: 3, missingUserEvery: 4 }),
      { now: NOW },
    );
    expect(JSON.stringify(plan, null, 1)).toBe(JSON.stringify(expected.undrifted, null, 1));
  });
});
