// Decides, per API request, which faults apply. Every request draws the same number of random
// values whatever the outcome, so a seed replays the same faults for the same request sequence.
import { NO_FAULTS, type FaultConfig } from "./fault-config.js";
import { seededRandom, type Random } from "./random.js";
import { RateLimiter } from "./rate-limiter.js";

export interface FaultDecision {
  /** Seconds for Retry-After when the partner (Partner Center) or the application in the tenant (Graph) is over its limit. */
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
  private graphLimiter: RateLimiter | undefined;

  constructor(private readonly wallClock: () => number = Date.now) {}

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed);
    this.limiter =
      config.rateLimitPerMinute === null ? undefined : new RateLimiter(config.rateLimitPerMinute, this.wallClock);
    this.graphLimiter =
      config.graphResourceUnitsPer10Seconds === null
        ? undefined
        : new RateLimiter(config.graphResourceUnitsPer10Seconds, this.wallClock, 10_000);
  }

  clear(): void {
    this.configure(NO_FAULTS);
  }

  current(): FaultConfig {
    return this.config;
  }

  get active(): boolean {
    const c = this.config;
    return (
      c.rateLimitPerMinute !== null ||
      c.graphResourceUnitsPer10Seconds !== null ||
      c.latencyMs > 0 ||
      c.jitterMs > 0 ||
      c.errorRate > 0 ||
      c.dropRate > 0
    );
  }

  /**
   * `routeKey` is `METHOD /v1/template` as in the stats. A Graph request names its application,
   * tenant and cost: Graph limits it per application and tenant, apart from Partner Center's limit.
   */
  decide(
    partnerTenantId: string,
    routeKey: string,
    isWrite: boolean,
    graph?: { clientId: string; tenantId: string; cost: number },
  ): FaultDecision {
    const c = this.config;
    const jitterDraw = this.random();
    const failDraw = this.random();
    const dropDraw = this.random();
    const targeted = c.routes === null || c.routes.includes(routeKey);
    const jitter = Math.floor(jitterDraw * c.jitterMs);
    return {
      throttleSeconds:
        graph === undefined
          ? this.limiter?.take(partnerTenantId)
          : this.graphLimiter?.take(`${graph.clientId}|${graph.tenantId}`, graph.cost),
      delayMs: c.latencyMs + jitter,
      lateByMs: jitter,
      fail: targeted && failDraw < c.errorRate,
      drop: targeted && isWrite && dropDraw < c.dropRate,
    };
  }
}
