// Request counts by route template, so tests and benchmarks can prove how many calls a plan made.

export interface StatsReport {
  requests: Record<string, number>;
  reads: number;
  writes: number;
  /** Requests no route matched (answered 501 or 405). */
  notEmulated: number;
  /** Requests the token endpoint answered. */
  tokens: number;
  /** Writes answered from the MS-RequestId replay store. */
  replayed: number;
  throttled: number;
}

export class RequestStats {
  private requests = new Map<string, number>();
  private reads = 0;
  private writes = 0;
  private notEmulated = 0;
  private tokens = 0;
  private replayed = 0;
  private throttled = 0;

  /** `routeKey` is `METHOD /v1/customers/{customerId}`. */
  countRoute(routeKey: string, isWrite: boolean): void {
    this.requests.set(routeKey, (this.requests.get(routeKey) ?? 0) + 1);
    if (isWrite) this.writes++;
    else this.reads++;
  }

  countNotEmulated(): void {
    this.notEmulated++;
  }

  countToken(): void {
    this.tokens++;
  }

  countReplay(): void {
    this.replayed++;
  }

  countThrottled(): void {
    this.throttled++;
  }

  report(): StatsReport {
    return {
      requests: Object.fromEntries([...this.requests].sort(([a], [b]) => a.localeCompare(b))),
      reads: this.reads,
      writes: this.writes,
      notEmulated: this.notEmulated,
      tokens: this.tokens,
      replayed: this.replayed,
      throttled: this.throttled,
    };
  }

  reset(): void {
    this.requests = new Map();
    this.reads = this.writes = this.notEmulated = this.tokens = this.replayed = this.throttled = 0;
  }
}
