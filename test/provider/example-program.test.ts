// examples/pulumi (the resources used directly from TypeScript): type-checked and compiled against
// the package's own exports, then run under setMocks with every resource sent through the SDK's
// provider server to the emulator.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CspClient } from "../../client/index.js";
import { EMULATOR_THROTTLE } from "../../cli/connection.js";
import { startEmulator, type TestEmulator } from "../helpers/emulator.js";
import { BUILD_TIMEOUT_MS, REPO_ROOT } from "./build-dist.js";
import { runHarnessAsync } from "./child-node.js";
import { SECRET_CONFIG_KEYS, stackConfigFor } from "./fixtures.js";

interface ProgramReport {
  results: { type: string; name: string; id?: string; status?: string; error?: string }[];
}

let emulator: TestEmulator;
let client: CspClient;
let report: ProgramReport;

beforeAll(async () => {
  // Inside the package folder, so `cspctl/provider` resolves through the exports map, as for a user.
  execFileSync(
    "npx",
    [
      "tsc",
      "-p",
      "examples/pulumi/tsconfig.json",
      "--noEmit",
      "false",
      "--declaration",
      "false",
      "--sourceMap",
      "false",
      "--outDir",
      "dist/examples/pulumi",
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] },
  );
  emulator = await startEmulator({ domainConfig: { provisioningDelaySeconds: 0 } });
  client = createClient({ env: emulator.env, poll: { intervalMs: 50 }, throttle: EMULATOR_THROTTLE });
  const run = await runHarnessAsync("run-program.mjs", {
    STACK_CONFIG: JSON.stringify(stackConfigFor(emulator.env)),
    SECRET_KEYS: JSON.stringify(SECRET_CONFIG_KEYS),
    PROGRAM: "dist/examples/pulumi/index.js",
    PULUMI_CONFIG: "{}",
  });
  // The SDK's exit hook sets status 1 when a failed registration left promises waiting; the report decides.
  if (!run.stdout.startsWith("{")) throw new Error(`run-program.mjs failed (${run.status}):\n${run.stderr}`);
  report = JSON.parse(run.stdout) as ProgramReport;
}, BUILD_TIMEOUT_MS + 120_000);
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

describe("examples/pulumi", () => {
  it("creates every declared resource", () => {
    expect(report.results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(report.results.map((r) => `${r.type.split(":").pop()} ${r.name} ${r.status}`).sort()).toEqual([
      "Customer fourthcoffee exists",
      "LicenseAssignment fourthcoffee/barista/business-premium exists",
      "LicenseAssignment fourthcoffee/barista/teams-premium exists",
      "Subscription fourthcoffee/business-premium exists",
      "Subscription fourthcoffee/teams-premium exists",
      "User fourthcoffee/barista exists",
    ]);
  });

  it("leaves both subscriptions and the licensed user in the emulator", async () => {
    const customerId = report.results.find((r) => r.name === "fourthcoffee")!.id!;
    const subscriptions = await client.partnerCenter.subscriptions.list(customerId);
    const base = subscriptions.find((s) => s.offerId?.startsWith("CFQ7TTC0LCHC:0002"));
    expect(base).toMatchObject({ quantity: 10, status: "active" });
    // bought as cspctl apply buys add-ons: a subscription of its own (NCE-RULES R-ADD-1)
    expect(subscriptions.find((s) => s.offerId?.startsWith("CFQ7TTC0RM8K:0002"))).toMatchObject({
      quantity: 2,
      status: "active",
    });
    const users = [];
    for await (const user of client.graph.users.list(customerId)) users.push(user);
    expect(
      users.find((u) => u.userPrincipalName === "barista@fourthcoffee.onmicrosoft.com")?.assignedLicenses,
    ).toHaveLength(2);
  });
});
