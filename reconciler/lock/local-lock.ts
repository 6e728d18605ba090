// `--lock local` (the default): a lock per customer in the state directory, shared by every process
// on this machine (and by machines sharing the folder). proper-lockfile takes it (an atomic mkdir of
// `<customer>.lock`, its mtime refreshed while held, stale once not refreshed for `staleMs`); the
// holder's info sits beside it in `<customer>.json`. A holder killed with -9 on this host is seen at
// once (its pid is gone); on another host its lock expires when its mtime goes stale.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { CspctlError } from "../../core/errors.js";
import { ensurePrivateDir, writePrivateFile } from "../../core/private-files.js";
import type { HeldKey, LockBackend, LockKey, TryAcquire } from "./estate-lock.js";
import { parseLockInfo, type LockInfo } from "./lock-info.js";

export interface LocalLockOptions {
  /** cspctl's state directory; locks live in `<stateDir>/locks/<partner tenant>/`. */
  stateDir: string;
  /** A lock whose mtime was not refreshed for this long is stale (default 30 s; refreshed every third of it). */
  staleMs?: number;
}

const DEFAULT_STALE_MS = 30_000;
/** A taker writes its info right after its mkdir; a lock still without info after this was left by a taker that died in between. */
const INFO_GRACE_MS = 2_000;

export function localLockBackend(options: LocalLockOptions): LockBackend {
  const root = join(options.stateDir, "locks");
  const stale = Math.max(2_000, options.staleMs ?? DEFAULT_STALE_MS);
  const pathsOf = (key: LockKey) => {
    const dir = join(root, fileName(key.partnerTenant));
    const base = join(dir, fileName(key.customer));
    return { dir, base, lockDir: `${base}.lock`, infoFile: `${base}.json` };
  };

  async function tryAcquire(key: LockKey, info: LockInfo): Promise<TryAcquire> {
    const paths = pathsOf(key);
    ensurePrivateDir(root);
    ensurePrivateDir(paths.dir);
    for (let attempt = 0; attempt < 3; attempt++) {
      let lostReason: string | undefined;
      try {
        const release = await lockfile.lock(paths.base, {
          realpath: false,
          lockfilePath: paths.lockDir,
          stale,
          update: Math.floor(stale / 3),
          retries: 0,
          onCompromised: (error: Error) => void (lostReason = error.message),
        });
        writePrivateFile(paths.infoFile, `${JSON.stringify(info, null, 2)}\n`);
        const held: HeldKey = {
          release: async () => {
            if (lostReason !== undefined) return;
            lostReason = "released";
            if (parseLockInfo(readText(paths.infoFile))?.id === info.id) rmSync(paths.infoFile, { force: true });
            await release().catch(() => undefined);
          },
          lost: () => (lostReason === "released" ? undefined : lostReason),
        };
        return { held };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw localError(paths.dir, error);
      }
      const holder = parseLockInfo(readText(paths.infoFile));
      if (holder === undefined && attempt < 2) {
        // No readable info: a taker between its mkdir and its info (wait out the grace), or one killed there (void).
        const age = ageMs(paths.lockDir);
        if (age !== undefined && age < INFO_GRACE_MS) {
          await new Promise((resolve) => setTimeout(resolve, INFO_GRACE_MS - age));
          continue;
        }
        if (
          age !== undefined &&
          parseLockInfo(readText(paths.infoFile)) === undefined &&
          (ageMs(paths.lockDir) ?? 0) >= INFO_GRACE_MS
        )
          rmSync(paths.lockDir, { recursive: true, force: true });
        continue;
      }
      // The holder ran on this host and its process is gone (kill -9, a crash): its lock is void now,
      // not only once its mtime goes stale. Read again just before removing, so a newer holder's lock stays.
      if (
        attempt < 2 &&
        holder !== undefined &&
        holder.host === hostname() &&
        !processAlive(holder.pid) &&
        parseLockInfo(readText(paths.infoFile))?.id === holder.id
      ) {
        rmSync(paths.lockDir, { recursive: true, force: true });
        rmSync(paths.infoFile, { force: true });
        continue;
      }
      return { holder };
    }
    return { holder: parseLockInfo(readText(paths.infoFile)) };
  }

  async function forceUnlock(id: string): Promise<string[]> {
    const released: string[] = [];
    if (!existsSync(root)) return released;
    for (const tenant of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const dir = join(root, tenant.name);
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
        const infoFile = join(dir, file);
        const info = parseLockInfo(readText(infoFile));
        if (info?.id !== id) continue;
        rmSync(infoFile.replace(/\.json$/, ".lock"), { recursive: true, force: true });
        rmSync(infoFile, { force: true });
        released.push(decodeURIComponent(file.replace(/\.json$/, "")));
      }
    }
    return released;
  }

  return { name: "local", tryAcquire, forceUnlock, describe: () => `lock: local, in ${root}` };
}

/** Domains and tenant ids are already file-safe; anything else is escaped, never able to leave the folder. */
function fileName(value: string): string {
  return encodeURIComponent(value.toLowerCase()).replace(/^\.+/, (dots) => "%2E".repeat(dots.length));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number | undefined {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function localError(dir: string, cause: unknown): CspctlError {
  return new CspctlError({
    code: "lock.backend_failed",
    message: `the local lock in ${dir} could not be taken: ${(cause as Error).message}`,
    hint: "check that the state directory is writable (CSPCTL_STATE_DIR, or --emulator-dir DIR)",
    cause,
  });
}
