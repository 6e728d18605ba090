// Several test layers run the compiled dist/ in child processes (the CLI e2e tests, the Pulumi
// provider process). Build it once, before any test file starts, so no test ever sees a dist/
// that is being rewritten. `npm test` has just built it and says so with CSPCTL_DIST_PREBUILT=1.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { buildLockPath } from "./helpers/build-lock.js";

export default function buildDistOnce(): void {
  if (process.env.CSPCTL_DIST_PREBUILT === "1") return;
  const root = join(import.meta.dirname, "..");
  execFileSync("flock", [buildLockPath(), "npx", "tsc", "-p", "tsconfig.json"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // Test forks inherit this environment (nothing below builds again).
  process.env.CSPCTL_DIST_PREBUILT = "1";
}
