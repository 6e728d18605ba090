// Layer 4 of the provider tests: the root Pulumi program (Pulumi.yaml → dist/provider/program.js)
// run under pulumi.runtime.setMocks in a child node process, against examples/estate; every dynamic
// resource goes through the SDK's provider server to one emulator. `cspctl apply` (the same
// planner and operations, whole estate) runs against a second emulator; both must end equal.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createClient, type CspClient } from "../../client/index.js";
import { EMULATOR_THROTTLE } from "../../cli/connection.js";
import { applyPlan } from "../../reconciler/apply/apply-plan.js";
import { loadEstate } from "../../reconciler/load/load-estate.js";
import type { DesiredEstate } from "../../reconciler/model/desired-estate.js";
import { planEstate } from "../../reconciler/plan-estate.js";
import type { Plan } from "../../reconciler/plan/plan.js";
import { RESOURCE_CONFIG_KEYS } from "../../reconciler/pulumi/resource-connection.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { BUILD_TIMEOUT_MS, REPO_ROOT } from "./build-dist.js";
import { runHarnessAsync } from "./child-node.js";
import { normalisedEstate } from "./estate-state.js";
import { SECRET_CONFIG_KEYS, stackConfigFor } from "./fixtures.js";

interface ProgramReport {
  results: { type: string; name: string; id?: string; status?: string; error?: string }[];
  rejections: string[];
  providerStderr: string[];
  elapsedMs: number;
}

let viaPulumi: TestEmulator;
let viaApply: TestEmulator;
const clients: CspClient[] = [];
let estate: DesiredEstate;
let report: ProgramReport;
let cspctlPlan: Plan;

const clientOf = (emulator: TestEmulator): CspClient => {
  const client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  const loaded = await loadEstate(join(REPO_ROOT, "examples", "estate"), { cwd: REPO_ROOT });
  if (!loaded.valid) throw new Error("examples/estate does not load");
  estate = loaded.estate;
  [viaPulumi, viaApply] = await Promise.all([
    startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } }),
    startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } }),
  ]);
  const stackConfig = stackConfigFor(viaPulumi.env);
  const run = await runHarnessAsync(
    "run-program.mjs",
    {
      STACK_CONFIG: JSON.stringify(stackConfig),
      SECRET_KEYS: JSON.stringify(SECRET_CONFIG_KEYS),
      PULUMI_CONFIG: JSON.stringify({ "cspctl:estate": "examples/estate" }),
    },
    240_000,
  );
  // The SDK's exit hook sets status 1 when a failed registration left promises waiting; the report decides.
  if (!run.stdout.startsWith("{")) throw new Error(`run-program.mjs failed (${run.status}):\n${run.stderr}`);
  report = JSON.parse(run.stdout) as ProgramReport;
  console.log(`program run: ${report.results.length} resources in ${report.elapsedMs} ms`);

  const apply = clientOf(viaApply);
  cspctlPlan = (await planEstate(apply, estate)).plan;
  await applyPlan(cspctlPlan, { client: apply, estate });
}, BUILD_TIMEOUT_MS + 240_000);
afterAll(async () => {
  for (const client of clients) await client.close();
  await viaPulumi?.close();
  await viaApply?.close();
});

describe("the root program against examples/estate", () => {
  it("declares one resource per object, with the planner's parents", () => {
    const count = (type: string) =>
      report.results.filter((r) => r.type === `pulumi-nodejs:dynamic/cspctl:${type}`).length;
    const subscriptions = estate.customers.flatMap((c) => c.subscriptions).length;
    const users = estate.customers.flatMap((c) => c.users);
    expect([count("Customer"), count("Subscription"), count("User"), count("LicenseAssignment")]).toEqual([
      estate.customers.length,
      subscriptions,
      users.length,
      users.flatMap((u) => u.licenses).length,
    ]);
  });

  it("Pulumi.yaml runs this program and declares every config key the provider reads", () => {
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
      name: string;
      main: string;
      config: Record<string, unknown>;
    };
    expect([project.name, project.main]).toEqual(["cspctl", "dist/provider/program.js"]);
    expect(Object.keys(project.config).sort()).toEqual(["estate", ...Object.keys(RESOURCE_CONFIG_KEYS)].sort());
  });

  it("fails exactly the resources cspctl's plan blocks or warns about, with the planner's codes", () => {
    const failures = report.results
      .filter((r) => r.error !== undefined)
      .map((r) => ({
        address: /^\S+: (customer:\S+?):?\s/.exec(r.error!)?.[1],
        code: /^([a-z]+\.[a-z_]+):/.exec(r.error!)?.[1] ?? r.error,
      }));
    const written = new Set(estate.customers.filter((c) => c.policy.mode === "enforce").map((c) => c.address));
    const fromPlan = [
      ...cspctlPlan.steps
        .filter((s) => s.status === "blocked")
        .map((s) => ({ address: s.address, code: s.blocked!.code })),
      // a warning about an object the planner then leaves alone (a customer-level one does not stop the customer)
      ...cspctlPlan.warnings
        .filter((w) => w.address.includes("/") && written.has(w.address.split("/")[0]!))
        .map((w) => ({ address: w.address, code: w.code })),
    ];
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.sort((a, b) => a.address!.localeCompare(b.address!))).toEqual(
      fromPlan.sort((a, b) => a.address.localeCompare(b.address)),
    );
  });

  it("records customers that are not written as waiting (invitation) or observed, not as failures", () => {
    const status = (name: string) =>
      report.results.find((r) => r.type.endsWith(":Customer") && r.name === name)?.status;
    expect([status("adatum"), status("fabrikam"), status("contoso")]).toEqual(["waiting", "observed", "exists"]);
  });

  it("ends with the emulator holding exactly what `cspctl apply` produces", async () => {
    const [pulumiState, applyState] = await Promise.all([
      normalisedEstate(clientOf(viaPulumi), estate),
      normalisedEstate(clientOf(viaApply), estate),
    ]);
    expect((pulumiState as unknown[]).length).toBeGreaterThan(0);
    expect(pulumiState).toEqual(applyState);
  });
});
