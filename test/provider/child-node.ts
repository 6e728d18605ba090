// Runs a harness script in a child `node` process on compiled dist/: vitest's module transformer is
// not what a user's `pulumi up` runs, and the SDK's closure serialiser does not recognise it.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./build-dist.js";

function runHarness(
  script: string,
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, "test", "provider", "harness", script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface SerialisedProvider {
  type: string;
  text: string;
  secret: boolean;
  methods: string[];
  options: { additionalSecretOutputs: string[] };
}

/** The `__provider` text the SDK produced for each resource type, from a child process. */
export function serialiseProviders(env: Record<string, string | undefined>, customer: unknown): SerialisedProvider[] {
  const result = runHarness("serialize-providers.mjs", { ...env, FIXTURE_CUSTOMER: JSON.stringify(customer) });
  if (result.status !== 0) throw new Error(`serialize-providers.mjs failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as SerialisedProvider[];
}

/** Like runHarness, without blocking this process: needed when the child talks to an emulator running in it. */
export function runHarnessAsync(
  script: string,
  env: Record<string, string | undefined>,
  timeoutMs = 240_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, "test", "provider", "harness", script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}
