// A sliding one-minute window per key (partner tenant), on wall time like Partner Center's limits.

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly wallClock: () => number,
  ) {}

  /** Records the request and returns undefined, or returns the seconds to wait when over the limit. */
  take(key: string): number | undefined {
    const now = this.wallClock();
    let window = this.windows.get(key);
    if (window === undefined) {
      window = [];
      this.windows.set(key, window);
    }
    let expired = 0;
    while (expired < window.length && window[expired]! <= now - WINDOW_MS) expired++;
    if (expired > 0) window.splice(0, expired);
    if (window.length >= this.perMinute) {
      return Math.max(1, Math.ceil((window[0]! + WINDOW_MS - now) / 1000));
    }
    window.push(now);
    return undefined;
  }
}
