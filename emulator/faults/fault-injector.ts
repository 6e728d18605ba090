// Decides, per API request, which faults apply. Every request draws the same number of random
// values whatever the outcome, so a seed replays the same faults for the same request sequence.
import { NO_FAULTS, type FaultConfig } from "./fault-config.js";
import { seededRandom, type Random } from "./random.js";
import { RateLimiter } from "./rate-limiter.js";

export interface FaultDecision {
  /** Seconds for Retry-After when the partner is over its rate limit. */
  throttleSeconds: number | undefined;
  /** From the fault decision to the answer: latency plus jitter. */
  delayMs: number;
  /** The jitter part: the request reaches the service this late, so its work runs late too. */
  lateByMs: number;
  /** Answer 503 without running the handler. */
  fail: boolean;
  /** Run the handler, then close the connection without answering (writes only). */
  drop: boolean;
}

export class FaultInjector {
  private config: FaultConfig = NO_FAULTS;
  private random: Random = seededRandom(NO_FAULTS.seed);
  private limiter: RateLimiter | undefined;

  constructor(private readonly wallClock: () => number = Date.now) {}

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed);
    this.limiter =
      config.rateLimitPerMinute === null ? undefined : new RateLimiter(config.rateLimitPerMinute, this.wallClock);
  }

  clear(): void {
    this.configure(NO_FAULTS);
  }

  current(): FaultConfig {
    return this.config;
  }

  get active(): boolean {
    const c = this.config;
    return c.rateLimitPerMinute !== null || c.latencyMs > 0 || c.jitterMs > 0 || c.errorRate > 0 || c.dropRate > 0;
  }

  /** `routeKey` is `METHOD /v1/template` as in the stats. */
  decide(partnerTenantId: string, routeKey: string, isWrite: boolean): FaultDecision {
    const c = this.config;
    const jitterDraw = this.random();
    const failDraw = this.random();
    const dropDraw = this.random();
    const targeted = c.routes === null || c.routes.includes(routeKey);
    const jitter = Math.floor(jitterDraw * c.jitterMs);
    return {
      throttleSeconds: this.limiter?.take(partnerTenantId),
      delayMs: c.latencyMs + jitter,
      lateByMs: jitter,
      fail: targeted && failDraw < c.errorRate,
      drop: targeted && isWrite && dropDraw < c.dropRate,
    };
  }
}
