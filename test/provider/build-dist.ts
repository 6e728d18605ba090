// The serialisation, gRPC and setMocks layers run compiled code, as a user's `pulumi up` would; the
// provider methods load the reconciler from dist/ through the package self-reference. Built once per
// vitest run (the stamp is keyed by the vitest main process, the parent of every test fork).
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** Building may wait for others holding the build lock. */
export const BUILD_TIMEOUT_MS = 240_000;

export function buildDist(): void {
  // test/global-setup.ts (or `npm test`) built dist/ before any test file started.
  if (process.env.CSPCTL_DIST_PREBUILT === "1") return;
  const stamp = join(tmpdir(), `cspctl-provider-build-${process.ppid}`);
  // Check and build under the build lock, so parallel test files build once between them.
  execFileSync("flock", ["/tmp/cspctl-build.lock", "sh", "-c", 'test -e "$1" || { npx tsc -p tsconfig.json && touch "$1"; }', "build", stamp], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
}
