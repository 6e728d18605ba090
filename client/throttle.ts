// Client-side pacing so a plan over many customers runs at the allowed rate instead of bouncing off
// 429s: a token bucket plus a concurrency limit per budget, where the budget is the one the service
// counts against. Partner Center limits each partner (Partner Center docs: api-throttling-guidance);
// Microsoft Graph limits each application in each tenant (Microsoft Graph docs: throttling-limits),
// so Graph calls for a customer run on that customer's budget, beside Partner Center's pace. One
// Throttle per budget is shared by every client in the process.
import { realTimer, type Timer } from "./retry.js";
import type { ClientRequest, Layer } from "./send.js";

export interface ThrottlePolicy {
  /** Sustained rate. Partner Center allows 500 requests/minute per tenant on its busiest resources. */
  requestsPerSecond: number;
  /** Requests that may go at once after a quiet period. */
  burst: number;
  maxConcurrency: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = { requestsPerSecond: 8, burst: 20, maxConcurrency: 8 };

/**
 * Graph, per customer tenant. Graph's identity limit for one application in a small tenant is 3,500
 * resource units per 10 s (a GET of users with $select costs 1): this stays well inside it.
 */
export const defaultGraphThrottlePolicy: ThrottlePolicy = { requestsPerSecond: 50, burst: 50, maxConcurrency: 4 };

export class Throttle {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private inFlight = 0;
  private readonly slotWaiters: Array<() => void> = [];
  /** Token grants are chained so waiters are served first come, first served. */
  private tokenQueue: Promise<void> = Promise.resolve();

  constructor(
    readonly policy: ThrottlePolicy,
    private readonly timer: Timer = realTimer,
  ) {
    this.tokens = policy.burst;
    this.refilledAt = timer.now();
  }

  /** Waits for a token and a concurrency slot; call the returned function when the request ends. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const granted = this.tokenQueue.then(() => this.takeToken(signal));
    this.tokenQueue = granted.catch(() => undefined);
    await granted;
    await this.takeSlot();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.slotWaiters.shift()?.();
    };
  }

  /** After a 429 every caller of this partner waits, not just the one that was told. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timer.now() + ms);
  }

  get active(): number {
    return this.inFlight;
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.timer.now();
      if (now < this.pausedUntil) {
        await this.timer.sleep(this.pausedUntil - now, signal);
        continue;
      }
      this.tokens = Math.min(
        this.policy.burst,
        this.tokens + ((now - this.refilledAt) / 1000) * this.policy.requestsPerSecond,
      );
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.timer.sleep(Math.ceil(((1 - this.tokens) / this.policy.requestsPerSecond) * 1000), signal);
    }
  }

  private async takeSlot(): Promise<void> {
    while (this.inFlight >= this.policy.maxConcurrency) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.inFlight++;
  }
}

const sharedThrottles = new Map<string, Throttle>();

/** The process-wide throttle for one partner (tenant id + Partner Center host) and policy. */
export function sharedThrottle(partnerKey: string, policy: ThrottlePolicy, timer?: Timer): Throttle {
  const key = `${partnerKey}|${policy.requestsPerSecond}|${policy.burst}|${policy.maxConcurrency}`;
  let throttle = sharedThrottles.get(key);
  if (throttle === undefined) {
    throttle = new Throttle(policy, timer);
    sharedThrottles.set(key, throttle);
  }
  return throttle;
}

/** Paces each request on its budget: one throttle, or the one `throttleFor` picks for the request. */
export function withThrottle(throttle: Throttle | ((request: ClientRequest) => Throttle)): Layer {
  const pick = typeof throttle === "function" ? throttle : () => throttle;
  return (next) => async (request) => {
    const release = await pick(request).acquire(request.signal);
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}
