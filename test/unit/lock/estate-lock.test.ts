// acquireEstateLock over an in-memory backend: sorted order, all or none, waiting with an injected
// clock, the holder named in lock.held, lock.lost; and what a lock's info may say once read back.
import { describe, expect, it } from "vitest";
import {
  acquireEstateLock,
  type HeldKey,
  type LockBackend,
  type LockKey,
} from "../../../reconciler/lock/estate-lock.js";
import { describeHolder, newLockInfo, parseLockInfo, type LockInfo } from "../../../reconciler/lock/lock-info.js";

/** One map of key → holder; `lose` marks a held key lost, as a force-unlock would. */
function memoryBackend() {
  const holders = new Map<string, LockInfo>();
  const lost = new Set<string>();
  const attempts: string[] = [];
  const keyOf = (k: LockKey) => `${k.partnerTenant}/${k.customer}`;
  const backend: LockBackend = {
    name: "memory",
    async tryAcquire(key, info) {
      attempts.push(key.customer);
      const holder = holders.get(keyOf(key));
      if (holder) return { holder };
      holders.set(keyOf(key), info);
      const held: HeldKey = {
        release: async () => void holders.delete(keyOf(key)),
        lost: () => (lost.has(keyOf(key)) ? "broken by force-unlock" : undefined),
      };
      return { held };
    },
    forceUnlock: async () => [],
    describe: () => "lock: memory",
  };
  return { backend, holders, attempts, lose: (customer: string) => lost.add(`t/${customer}`) };
}

const fakeTime = () => {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
};

describe("acquireEstateLock", () => {
  it("takes every customer's lock in sorted, lower-cased order, once each, and releases them all", async () => {
    const m = memoryBackend();
    const lock = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["b.com", "A.com", "c.com", "a.com"],
      operation: "apply",
      runId: "run",
      timeoutMs: 0,
    });
    expect(m.attempts).toEqual(["a.com", "b.com", "c.com"]);
    expect(lock.info.customers).toEqual(["a.com", "b.com", "c.com"]);
    expect([...m.holders.keys()]).toEqual(["t/a.com", "t/b.com", "t/c.com"]);
    await lock.release();
    await lock.release();
    expect(m.holders.size).toBe(0);
  });

  it("with timeout 0 fails at once naming the holder, and releases what it had taken (all or none)", async () => {
    const m = memoryBackend();
    const other = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["b.com"],
      operation: "apply",
      runId: "run-1",
      timeoutMs: 0,
    });
    const error = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com", "b.com"],
      operation: "apply",
      runId: "run-2",
      timeoutMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "lock.held" });
    const message = (error as Error).message;
    for (const part of [
      other.info.who,
      other.info.host,
      `pid ${process.pid}`,
      "run run-1",
      other.info.created,
      "b.com",
      `lock id ${other.info.id}`,
    ])
      expect(message).toContain(part);
    expect((error as { hint: string }).hint).toContain(`cspctl force-unlock ${other.info.id}`);
    expect([...m.holders.keys()]).toEqual(["t/b.com"]);
  });

  it("waits up to the timeout, polling, and gets the lock once the holder releases it", async () => {
    const m = memoryBackend();
    const time = fakeTime();
    const other = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com"],
      operation: "apply",
      runId: "run-1",
      timeoutMs: 0,
    });
    let polls = 0;
    const sleep = async (ms: number) => {
      await time.sleep(ms);
      if (++polls === 3) await other.release();
    };
    const lock = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com"],
      operation: "apply",
      runId: "run-2",
      timeoutMs: 30_000,
      now: time.now,
      sleep,
    });
    expect(lock.info.runId).toBe("run-2");
    expect(m.holders.get("t/a.com")?.id).toBe(lock.info.id);
    expect(time.now()).toBe(3000);
  });

  it("gives up after the timeout with lock.held saying how long it waited", async () => {
    const m = memoryBackend();
    const time = fakeTime();
    await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com"],
      operation: "apply",
      runId: "run-1",
      timeoutMs: 0,
    });
    const error = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com"],
      operation: "apply",
      runId: "run-2",
      timeoutMs: 5_000,
      ...time,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "lock.held" });
    expect((error as Error).message).toContain("after waiting 5 s");
    expect(time.now()).toBe(5_000);
  });

  it("reports lock.lost once a held customer lock is broken", async () => {
    const m = memoryBackend();
    const lock = await acquireEstateLock({
      backend: m.backend,
      partnerTenant: "t",
      customers: ["a.com", "b.com"],
      operation: "apply",
      runId: "run",
      timeoutMs: 0,
    });
    expect(lock.lost()).toBeUndefined();
    m.lose("b.com");
    expect(lock.lost()).toMatchObject({ code: "lock.lost" });
    expect(lock.lost()!.message).toContain("b.com");
  });
});

describe("lock info read back", () => {
  it("round-trips what cspctl writes", () => {
    const info = newLockInfo({ operation: "apply", runId: "r", partnerTenant: "t", customers: ["a.com"] });
    expect(parseLockInfo(JSON.stringify(info))).toEqual(info);
  });

  it.each([
    ["not JSON", "{"],
    ["not an object", "42"],
    ["no id", JSON.stringify({ who: "x" })],
    ["an id that is not a GUID", JSON.stringify({ id: "../../etc" })],
    ["too large", JSON.stringify({ id: "6f1c0000-0000-4000-8000-000000000000", who: "x".repeat(70_000) })],
  ])("refuses %s", (_, raw) => {
    expect(parseLockInfo(raw)).toBeUndefined();
  });

  it("cuts control characters and overlong text before they reach a message", () => {
    const info = parseLockInfo(
      JSON.stringify({
        id: "6f1c0000-0000-4000-8000-000000000000",
        who: "eve\u001b[31m\u202e",
        host: "h".repeat(500),
        pid: "12",
        customers: ["a.com", 7],
      }),
    )!;
    expect(info.who).toBe("eve?[31m?");
    expect(info.host).toHaveLength(200);
    expect(info.pid).toBe(0);
    expect(info.customers).toEqual(["a.com"]);
    expect(describeHolder(info)).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it("describes an unreadable holder without inventing one", () => {
    expect(describeHolder(undefined)).toContain("not readable");
  });
});
