// Structured logging with an injectable sink. Every record is built from redacted parts and the
// serialised line is scrubbed of known secrets once more, so no level can leak a credential.
import { redactBody, redactHeaders, redactUrl, scrubSecrets } from "./redact.js";
import type { Layer } from "./send.js";
import { PartnerCenterError } from "./errors.js";

export const logLevels = ["error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof logLevels)[number];

export interface LogRecord {
  level: LogLevel;
  time: string;
  event: string;
  [field: string]: unknown;
}

export type LogSink = (line: string, record: LogRecord) => void;

export interface Logger {
  level: LogLevel;
  error(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  debug(event: string, fields?: Record<string, unknown>): void;
  enabled(level: LogLevel): boolean;
}

const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

export function createLogger(options: { level?: LogLevel; sink?: LogSink; now?: () => Date } = {}): Logger {
  const level = options.level ?? "warn";
  const sink = options.sink ?? stderrSink;
  const now = options.now ?? (() => new Date());
  const enabled = (wanted: LogLevel): boolean => logLevels.indexOf(wanted) <= logLevels.indexOf(level);
  const write =
    (wanted: LogLevel) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      if (!enabled(wanted)) return;
      const line = scrubSecrets(JSON.stringify({ level: wanted, time: now().toISOString(), event, ...fields }));
      sink(line, JSON.parse(line) as LogRecord);
    };
  return { level, enabled, error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}

export const silentLogger: Logger = createLogger({ level: "error", sink: () => undefined });

/** Logs each attempt: the request at debug, the outcome at debug (success) or warn (failure). */
export function withLogging(logger: Logger, now: () => number = Date.now): Layer {
  return (next) => async (request) => {
    const started = now();
    const debug = logger.enabled("debug");
    const base = (): Record<string, unknown> => ({
      operation: request.operation,
      method: request.method,
      url: redactUrl(request.url),
    });
    if (debug) {
      logger.debug("http.request", {
        ...base(),
        headers: redactHeaders(request.headers),
        ...(request.body === undefined ? {} : { body: redactBody(request.body) }),
      });
    }
    try {
      const response = await next(request);
      if (debug) {
        logger.debug("http.response", {
          ...base(),
          status: response.status,
          ms: now() - started,
          headers: redactHeaders(response.headers),
          ...(response.body === undefined ? {} : { body: redactBody(response.body) }),
        });
      }
      return response;
    } catch (error) {
      const fields =
        error instanceof PartnerCenterError
          ? error.toJSON()
          : { message: error instanceof Error ? error.message : String(error) };
      logger.warn("http.failure", { ...base(), ms: now() - started, error: fields });
      throw error;
    }
  };
}
