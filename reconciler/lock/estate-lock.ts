// The lock on an estate scope, held for a whole apply (re-read → check → writes): one lock per
// partner tenant + customer, so applies on different customers run in parallel. A run takes the locks
// of every customer it writes, in sorted order (two runs never wait on each other in a circle), and
// either holds all of them or none. Terraform's state locking is the model: lock info naming the
// holder, a timeout to wait, force-unlock by lock id.
import { CspctlError } from "../../core/errors.js";
import { describeHolder, newLockInfo, type LockInfo } from "./lock-info.js";

export interface LockKey {
  partnerTenant: string;
  /** The customer's company domain, lower-case. */
  customer: string;
}

/** One customer's lock, held. */
export interface HeldKey {
  release(): Promise<void>;
  /** Why the lock is no longer ours (force-unlocked, lease not renewed), once that happened. */
  lost(): string | undefined;
}

export type TryAcquire = { held: HeldKey } | { holder: LockInfo | undefined };

export interface LockBackend {
  readonly name: string;
  /** One attempt to take one customer's lock; when it is taken, who holds it. */
  tryAcquire(key: LockKey, info: LockInfo): Promise<TryAcquire>;
  /** Breaks every customer lock of the run `id`; returns the customers it released. */
  forceUnlock(id: string): Promise<string[]>;
  /** Settings to reach the store; nothing secret. */
  describe(): string;
}

export interface EstateLock {
  info: LockInfo;
  /** Releases every customer lock; safe to call twice. */
  release(): Promise<void>;
  /** An error once any of the customer locks was lost while the run held it. */
  lost(): CspctlError | undefined;
}

export interface AcquireOptions {
  backend: LockBackend;
  partnerTenant: string;
  customers: readonly string[];
  operation: string;
  runId: string;
  /** How long to wait for a lock another run holds; 0 fails at once. */
  timeoutMs: number;
  /** How often to look again while waiting (default 1 s). */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export async function acquireEstateLock(options: AcquireOptions): Promise<EstateLock> {
  const customers = [...new Set(options.customers.map((c) => c.toLowerCase()))].sort();
  const info = newLockInfo({
    operation: options.operation,
    runId: options.runId,
    partnerTenant: options.partnerTenant,
    customers,
  });
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.timeoutMs;
  const held: { customer: string; key: HeldKey }[] = [];
  const releaseAll = async (): Promise<void> => {
    for (const { key } of held.splice(0).reverse()) await key.release();
  };
  try {
    for (const customer of customers) {
      for (;;) {
        const attempt = await options.backend.tryAcquire({ partnerTenant: options.partnerTenant, customer }, info);
        if ("held" in attempt) {
          held.push({ customer, key: attempt.held });
          break;
        }
        const left = deadline - now();
        if (left <= 0) throw lockHeldError(customer, attempt.holder, options);
        await sleep(Math.min(options.pollMs ?? 1000, left));
      }
    }
  } catch (error) {
    await releaseAll().catch(() => undefined);
    throw error;
  }
  return {
    info,
    release: releaseAll,
    lost: () => {
      for (const { customer, key } of held) {
        const why = key.lost();
        if (why !== undefined) {
          return new CspctlError({
            code: "lock.lost",
            message: `the ${options.backend.name} lock of customer ${customer} was lost while this run held it: ${why}; no further step was started`,
            hint: "someone may have run cspctl force-unlock, or the lock store was unreachable; check who else applies this estate, then run apply again (it re-reads Partner Center first)",
          });
        }
      }
      return undefined;
    },
  };
}

function lockHeldError(customer: string, holder: LockInfo | undefined, options: AcquireOptions): CspctlError {
  const waited = options.timeoutMs > 0 ? ` after waiting ${Math.round(options.timeoutMs / 1000)} s` : "";
  const unlock = holder ? `cspctl force-unlock ${holder.id}` : "cspctl force-unlock ID";
  return new CspctlError({
    code: "lock.held",
    message: `customer ${customer} is locked${waited} by another run: ${describeHolder(holder)}; nothing was changed`,
    hint: `wait for that run to finish, or pass --lock-timeout 5m to wait for it; only if that run is dead and its lock has not expired, ${unlock} (${options.backend.describe()})`,
  });
}

/** `--lock none`: no lock at all. Unsafe: two runs at once rely on the idempotency keys alone. */
export const noLockBackend: LockBackend = {
  name: "none",
  tryAcquire: async () => ({ held: { release: async () => undefined, lost: () => undefined } }),
  forceUnlock: async () => [],
  describe: () => "lock: none",
};
