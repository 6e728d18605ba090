// Public API of cspctl/client: createClient, the errors it throws, and the domain types it returns.
export { createClient, type CreateClientOptions, type CspClient } from "./client.js";
export { resolveConfig, productionDefaults, type ClientConfig, type ClientOptions } from "./config.js";
export { PartnerCenterError, type Service } from "./errors.js";
export { registerSecret, REDACTED } from "./redact.js";
export { withWriteKeys, derivedRequestId } from "./idempotency.js";
export { createLogger, logLevels, type LogLevel, type LogRecord, type LogSink, type Logger } from "./log.js";
export { RetryBudget, defaultRetryPolicy, type RetryPolicy, type Timer } from "./retry.js";
export { Throttle, defaultThrottlePolicy, type ThrottlePolicy } from "./throttle.js";
export type { PartnerCenter, PurchaseItem, CatalogScope, CustomerListOptions } from "./partner-center.js";
export type { Graph } from "./graph.js";
export type * from "./types.js";
export { priceSheetFromCsv, sheetPriceKey } from "./wire/price-sheet.mappers.js";
