// Retries with exponential backoff and full jitter, honouring Retry-After on 429/503, within a
// per-call attempt limit and a client-wide retry budget. Only requests marked idempotent (reads,
// writes with an MS-RequestId) are resent after they may have reached the server; a 429 or a
// refused connection means the server did nothing, so those are safe to resend for any request.
import { PartnerCenterError } from "./errors.js";
import type { ClientRequest, Layer } from "./send.js";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for; the error surfaces with its hint. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export interface Timer {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted === true) return reject(signal.reason as Error);
      const timeout = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timeout);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/**
 * Client-wide allowance of retries (the AWS SDK's retry quota): each retry of a failure other than
 * throttling spends a token, each success returns a fraction, so an outage makes the client fail
 * fast instead of multiplying load. Throttled retries are paced by Retry-After and cost nothing.
 */
export class RetryBudget {
  private tokens: number;

  constructor(
    readonly capacity = 200,
    readonly refundPerSuccess = 0.2,
  ) {
    this.tokens = capacity;
  }

  trySpend(cost: number): boolean {
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + this.refundPerSuccess);
  }

  get remaining(): number {
    return this.tokens;
  }
}

export type RetryDecision = { retry: true; delayMs: number; cost: number } | { retry: false; reason: string };

/** Pure: should this failure of attempt `attempt` (1-based) be retried, and after how long? */
export function decideRetry(
  error: unknown,
  request: ClientRequest,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (!(error instanceof PartnerCenterError)) return { retry: false, reason: "not a transport or HTTP error" };
  if (!error.retryable) return { retry: false, reason: "terminal error" };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const throttled = error.status === 429;
  const safe = request.idempotent === true || error.notSent || throttled;
  if (!safe) return { retry: false, reason: "write without an idempotency key may have been applied" };
  if ((throttled || error.status === 503) && error.retryAfterSeconds !== undefined) {
    const delayMs = error.retryAfterSeconds * 1000;
    if (delayMs > policy.maxRetryAfterMs)
      return { retry: false, reason: `Retry-After ${error.retryAfterSeconds}s exceeds the limit` };
    return { retry: true, delayMs, cost: throttled ? 0 : 1 };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling), cost: throttled ? 0 : 1 };
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  timer?: Timer;
  budget?: RetryBudget;
  /** Told about every retry, e.g. to log it or to pause the shared throttle after a 429. */
  onRetry?: (event: { request: ClientRequest; error: PartnerCenterError; attempt: number; delayMs: number }) => void;
}

export function withRetry(options: RetryOptions = {}): Layer {
  const policy = { ...defaultRetryPolicy, ...options.policy };
  const timer = options.timer ?? realTimer;
  const budget = options.budget ?? new RetryBudget();
  return (next) => async (request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await next(request);
        budget.refund();
        return response;
      } catch (error) {
        const decision = decideRetry(error, request, attempt, policy, timer.random);
        if (!decision.retry) throw error;
        const failure = error as PartnerCenterError;
        if (!budget.trySpend(decision.cost)) {
          throw new PartnerCenterError({
            code: "client.retry_budget_exhausted",
            message: `Stopped retrying ${request.method} ${request.operation}: the client's retry budget is spent (${failure.message})`,
            hint: "Partner Center or the network is failing repeatedly; try again later.",
            service: failure.service,
            ...(failure.status === undefined ? {} : { status: failure.status }),
            retryable: false,
            request,
            cause: failure,
          });
        }
        options.onRetry?.({ request, error: failure, attempt, delayMs: decision.delayMs });
        await timer.sleep(decision.delayMs, request.signal);
      }
    }
  };
}
