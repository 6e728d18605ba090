// The build lock: test/global-setup.ts rebuilds dist/ holding it exclusively, and tests that run the
// built CLI in a child hold it shared, so no child loads a dist/ that is being rewritten. It lives in
// this checkout's dist/, so two checkouts on one machine never wait for (or block) each other.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

const BUILD_LOCK = join(import.meta.dirname, "..", "..", "dist", ".build.lock");

/** The lock's path, with its folder created (flock creates the file, not the folder). */
export function buildLockPath(): string {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  return BUILD_LOCK;
}

const flock = spawnSync("flock", ["--version"]).status === 0;
const LOCK_BUSY = 75;

/**
 * Runs the built CLI to its end holding the build lock shared (where flock exists), so no concurrent
 * build swaps dist/ under it; a lock still taken after `lockSeconds` fails the test, naming it.
 */
export function runBuiltCliSync(
  cli: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number; lockSeconds: number },
): { status: number | null; stdout: string; stderr: string } {
  const node = [process.execPath, cli, ...args];
  const [command, ...rest] = flock
    ? [
        "flock",
        "--shared",
        "--timeout",
        String(options.lockSeconds),
        "--conflict-exit-code",
        String(LOCK_BUSY),
        BUILD_LOCK,
        ...node,
      ]
    : node;
  const result = spawnSync(command!, rest, { encoding: "utf8", timeout: options.timeoutMs, env: options.env });
  if (flock && result.status === LOCK_BUSY)
    throw new Error(`the build lock ${BUILD_LOCK} stayed taken for ${options.lockSeconds} s`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
