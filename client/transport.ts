// Composes the layers around the request core, in one readable list (outermost first):
// correlation headers → idempotency key → retry → auth → throttle → logging → undici.
// The throttle paces each call on the budget its service counts it against: Partner Center calls on
// the partner's, Graph calls on their tenant's.
// Idempotency sits outside retry so every retry resends the same MS-RequestId; throttle sits inside
// retry so every attempt waits for a token; auth sits inside retry so a retry can use a fresh token,
// and outside throttle so no slot is held while Entra ID answers.
import type { Dispatcher } from "undici";
import { createTokenProvider, withAuth, type TokenProvider } from "./auth.js";
import type { ClientConfig } from "./config.js";
import { withCorrelation } from "./correlation.js";
import { withIdempotency } from "./idempotency.js";
import { silentLogger, withLogging, type Logger } from "./log.js";
import { createDispatcher, createSend } from "./request.js";
import { type RetryBudget, realTimer, withRetry, type RetryPolicy, type Timer } from "./retry.js";
import type { ClientRequest, Layer, Send } from "./send.js";
import {
  defaultGraphThrottlePolicy,
  defaultThrottlePolicy,
  sharedThrottle,
  withThrottle,
  type Throttle,
  type ThrottlePolicy,
} from "./throttle.js";

export interface TransportOptions {
  logger?: Logger;
  timer?: Timer;
  retry?: Partial<RetryPolicy>;
  retryBudget?: RetryBudget;
  /** Pacing policy for the process-wide throttle of this partner, or a throttle of your own. */
  throttle?: Partial<ThrottlePolicy> | Throttle;
  /** Pacing policy for Graph, per customer tenant (Graph limits each application in each tenant). */
  graphThrottle?: Partial<ThrottlePolicy>;
  correlationId?: string;
  newRequestId?: () => string;
  /** Replaces MSAL (tests of the layers; the real client always uses MSAL). */
  tokenProvider?: TokenProvider;
  clientName?: string;
}

export interface Transport {
  send: Send;
  config: ClientConfig;
  logger: Logger;
  timer: Timer;
  correlationId: string;
  /** Partner Center's throttle (the partner's budget); Graph calls use one per tenant. */
  throttle: Throttle;
  /** The HTTP connection pool, for downloads outside the API layers (signed blob URLs of billing exports). */
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

export function createTransport(config: ClientConfig, options: TransportOptions = {}): Transport {
  const logger = options.logger ?? silentLogger;
  const timer = options.timer ?? realTimer;
  const dispatcher: Dispatcher & { close(): Promise<void> } = createDispatcher({
    ca: config.ca,
    timeouts: config.timeouts,
  });
  const throttle =
    options.throttle !== undefined && "acquire" in options.throttle
      ? options.throttle
      : sharedThrottle(
          `${config.tenantId}|${config.partnerCenterUrl}`,
          { ...defaultThrottlePolicy, ...options.throttle },
          timer,
        );
  const graphPolicy = { ...defaultGraphThrottlePolicy, ...options.graphThrottle };
  const throttleFor = (request: ClientRequest): Throttle => {
    if (request.service !== "graph") return throttle;
    const tenantId = (request.auth.kind === "none" ? undefined : request.auth.tenantId) ?? config.tenantId;
    return sharedThrottle(`graph|${config.clientId}|${tenantId.toLowerCase()}|${config.graphUrl}`, graphPolicy, timer);
  };
  const tokens = options.tokenProvider ?? createTokenProvider({ config, dispatcher, logger, now: timer.now });
  const correlation = withCorrelation({
    locale: config.locale,
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    ...(options.clientName === undefined ? {} : { clientName: options.clientName }),
  });
  const layers: Layer[] = [
    correlation,
    withIdempotency({
      partnerTenantId: config.tenantId,
      ...(options.newRequestId === undefined ? {} : { newRequestId: options.newRequestId }),
    }),
    withRetry({
      timer,
      ...(options.retry === undefined ? {} : { policy: options.retry }),
      ...(options.retryBudget === undefined ? {} : { budget: options.retryBudget }),
      onRetry: ({ request, error, attempt, delayMs }) => {
        if (error.status === 429) throttleFor(request).pauseFor(delayMs);
        logger.info("http.retry", {
          operation: request.operation,
          attempt,
          delayMs,
          status: error.status,
          code: error.code,
        });
      },
    }),
    withAuth(tokens, config.tenantId),
    withThrottle(throttleFor),
    withLogging(logger, timer.now),
  ];
  const send = layers.reduceRight<Send>((next, layer) => layer(next), createSend(dispatcher));
  return {
    send,
    config,
    logger,
    timer,
    correlationId: correlation.correlationId,
    throttle,
    dispatcher,
    close: () => dispatcher.close(),
  };
}
