// A sliding window per key, on wall time like Microsoft's limits: Partner Center counts requests per
// partner tenant per minute; Graph's identity limits add up request costs (resource units) per
// application and tenant over ten seconds.

export class RateLimiter {
  private readonly windows = new Map<string, { entries: Array<{ at: number; cost: number }>; total: number }>();

  constructor(
    private readonly limit: number,
    private readonly wallClock: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Records the request and returns undefined, or returns the seconds to wait when over the limit. */
  take(key: string, cost = 1): number | undefined {
    const now = this.wallClock();
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { entries: [], total: 0 };
      this.windows.set(key, window);
    }
    let expired = 0;
    while (expired < window.entries.length && window.entries[expired]!.at <= now - this.windowMs) {
      window.total -= window.entries[expired]!.cost;
      expired++;
    }
    if (expired > 0) window.entries.splice(0, expired);
    if (window.total + cost > this.limit) {
      // Wait until enough of the window has expired for this request to fit.
      let freed = 0;
      for (const entry of window.entries) {
        freed += entry.cost;
        if (window.total - freed + cost <= this.limit)
          return Math.max(1, Math.ceil((entry.at + this.windowMs - now) / 1000));
      }
      return Math.max(1, Math.ceil(this.windowMs / 1000));
    }
    window.entries.push({ at: now, cost });
    window.total += cost;
    return undefined;
  }
}
