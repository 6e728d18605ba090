// The local lock backend on the real file system, with real processes: contention between two runs,
// a holder killed with -9 (its lock is void at once on this host), SIGINT and SIGTERM (released
// before the process ends), and force-unlock of a live holder (which learns it lost the lock).
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireEstateLock } from "../../../reconciler/lock/estate-lock.js";
import { localLockBackend } from "../../../reconciler/lock/local-lock.js";
import { startLockHolder } from "../../helpers/lock-holder.js";

const TENANT = "3c2a8f1e-0000-4000-8000-00000000abcd";

function acquire(stateDir: string, customers: string[], timeoutMs = 0) {
  return acquireEstateLock({
    backend: localLockBackend({ stateDir }),
    partnerTenant: TENANT,
    customers,
    operation: "apply",
    runId: "test-run",
    timeoutMs,
  });
}

const lockFiles = (stateDir: string): string[] =>
  readdirSync(join(stateDir, "locks", TENANT)).filter((f) => !f.startsWith("."));

describe("local lock", { timeout: 60_000 }, () => {
  it("a second run is refused while the first holds a customer, and gets it once released; other customers stay free", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const first = await acquire(stateDir, ["contoso.com"]);
    await expect(acquire(stateDir, ["fabrikam.com", "contoso.com"])).rejects.toMatchObject({
      code: "lock.held",
      message: expect.stringContaining(`lock id ${first.info.id}`),
    });
    // all or none: the refused run left fabrikam.com free
    const other = await acquire(stateDir, ["fabrikam.com"]);
    await other.release();
    await first.release();
    const second = await acquire(stateDir, ["contoso.com"]);
    expect(lockFiles(stateDir)).toEqual(["contoso.com.json", "contoso.com.lock"]);
    await second.release();
    expect(lockFiles(stateDir)).toEqual([]);
  });

  it("state files are private: the locks folder is 0700 with a .gitignore, the info file 0600", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const lock = await acquire(stateDir, ["contoso.com"]);
    const { statSync } = await import("node:fs");
    expect(statSync(join(stateDir, "locks")).mode & 0o777).toBe(0o700);
    expect(existsSync(join(stateDir, "locks", ".gitignore"))).toBe(true);
    expect(statSync(join(stateDir, "locks", TENANT, "contoso.com.json")).mode & 0o777).toBe(0o600);
    await lock.release();
  });

  it("a holder killed with -9 on this host leaves a lock that the next run takes at once", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: stateDir, CSPCTL_LOCK: "local" }, TENANT, [
      "contoso.com",
      "fabrikam.com",
    ]);
    await expect(acquire(stateDir, ["fabrikam.com"])).rejects.toMatchObject({
      code: "lock.held",
      message: expect.stringContaining(`pid ${holder.child.pid}`),
    });
    holder.child.kill("SIGKILL");
    expect((await holder.exited).signal).toBe("SIGKILL");
    expect(lockFiles(stateDir)).toContain("contoso.com.lock");
    const next = await acquire(stateDir, ["contoso.com", "fabrikam.com"]);
    expect(next.info.pid).toBe(process.pid);
    await next.release();
  });

  it.each(["SIGINT", "SIGTERM"] as const)("%s releases the lock before the process ends", async (signal) => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: stateDir, CSPCTL_LOCK: "local" }, TENANT, ["contoso.com"]);
    holder.child.kill(signal);
    expect((await holder.exited).signal).toBe(signal);
    expect(lockFiles(stateDir)).toEqual([]);
  });

  it("a taker killed between taking the lock and writing its info leaves a lock the next run takes (after a short grace)", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const first = await acquire(stateDir, ["contoso.com"]);
    // What a kill -9 right after the mkdir leaves: the lock folder, no info, no process refreshing it.
    rmSync(join(stateDir, "locks", TENANT, "contoso.com.json"));
    const old = new Date(Date.now() - 10_000);
    utimesSync(join(stateDir, "locks", TENANT, "contoso.com.lock"), old, old);
    const next = await acquire(stateDir, ["contoso.com"]);
    expect(next.info.id).not.toBe(first.info.id);
    await next.release();
  });

  it("force-unlock by id frees a live holder's customers; the holder finds its lock lost", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "cspctl-lock-"));
    const holder = await startLockHolder({ CSPCTL_STATE_DIR: stateDir, CSPCTL_LOCK: "local" }, TENANT, [
      "contoso.com",
      "fabrikam.com",
    ]);
    try {
      expect(await localLockBackend({ stateDir }).forceUnlock("00000000-0000-4000-8000-000000000000")).toEqual([]);
      expect((await localLockBackend({ stateDir }).forceUnlock(holder.info.id)).sort()).toEqual([
        "contoso.com",
        "fabrikam.com",
      ]);
      const next = await acquire(stateDir, ["contoso.com", "fabrikam.com"]);
      expect(await holder.lost).toBe("lock.lost");
      await next.release();
    } finally {
      holder.child.kill("SIGKILL");
    }
  });
});
