// The build lock: test/global-setup.ts rebuilds dist/ holding it exclusively, and tests that run the
// built CLI in a child hold it shared, so no child loads a dist/ that is being rewritten. It lives in
// this checkout's dist/, so two checkouts on one machine never wait for (or block) each other.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

export const BUILD_LOCK = join(import.meta.dirname, "..", "..", "dist", ".build.lock");

/** The lock's path, with its folder created (flock creates the file, not the folder). */
export function buildLockPath(): string {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  return BUILD_LOCK;
}
