import type { ErrorCode } from "../core/error-codes.js";
import { CspctlError } from "../core/errors.js";
import { redactBody, redactHeaders, redactUrl, scrubSecrets } from "./redact.js";

export type Service = "partner-center" | "graph" | "partner-api" | "login";

/** What the error remembers of the request, already redacted. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface PartnerCenterErrorOptions {
  code: ErrorCode;
  message: string;
  hint?: string;
  service: Service;
  status?: number;
  /** Partner Center's `code` (number or string) or Graph's `error.code`. */
  serviceCode?: number | string;
  description?: string;
  correlationId?: string;
  requestId?: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  /** True when the request certainly never reached the server (connection refused): safe to resend any request. */
  notSent?: boolean;
  request?: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  address?: string;
  cause?: unknown;
}

/**
 * Any failure talking to Partner Center, Graph or the token endpoint: HTTP status, the service's
 * error code and description, ids to quote to Microsoft support, and whether retrying can help.
 * The request is redacted here, in the constructor, so no caller can forget to.
 */
export class PartnerCenterError extends CspctlError {
  readonly service: Service;
  readonly status: number | undefined;
  readonly serviceCode: number | string | undefined;
  readonly description: string | undefined;
  readonly correlationId: string | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly notSent: boolean;
  readonly request: RedactedRequest | undefined;

  constructor(options: PartnerCenterErrorOptions) {
    super({
      code: options.code,
      message: scrubSecrets(options.message),
      ...(options.hint === undefined ? {} : { hint: scrubSecrets(options.hint) }),
      ...(options.address === undefined ? {} : { address: options.address }),
      ...(options.cause === undefined ? {} : { cause: sanitizeCause(options.cause) }),
    });
    this.name = "PartnerCenterError";
    this.service = options.service;
    this.status = options.status;
    this.serviceCode = options.serviceCode;
    this.description = options.description === undefined ? undefined : scrubSecrets(options.description);
    this.correlationId = options.correlationId;
    this.requestId = options.requestId;
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.notSent = options.notSent ?? false;
    this.request =
      options.request === undefined
        ? undefined
        : {
            method: options.request.method,
            url: redactUrl(options.request.url),
            headers: redactHeaders(options.request.headers ?? {}),
            ...(options.request.body === undefined ? {} : { body: redactBody(options.request.body) }),
          };
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      service: this.service,
      status: this.status,
      serviceCode: this.serviceCode,
      description: this.description,
      correlationId: this.correlationId,
      requestId: this.requestId,
      retryable: this.retryable,
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      request: this.request,
    };
  }
}

/**
 * Causes from lower layers (undici, MSAL) can carry request options, assertions or tokens in their
 * properties. Keep only a scrubbed name, message and code.
 */
function sanitizeCause(cause: unknown): Error {
  if (cause instanceof PartnerCenterError) return cause;
  const source = cause instanceof Error ? cause : new Error(String(cause));
  const sanitized = new Error(scrubSecrets(source.message));
  sanitized.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === "string") (sanitized as Error & { code?: string }).code = code;
  delete sanitized.stack;
  return sanitized;
}

/** Partner Center 409 codes that mean "try again later", not "already exists" (Partner Center docs: error-codes). */
const retryableConflictCodes: ReadonlySet<string> = new Set(["800060", "800064", "800082", "800014", "27009"]);

interface ParsedErrorBody {
  serviceCode?: number | string;
  description?: string;
}

/** Reads Partner Center's `{code, description}`, the 429 `{statusCode, message}` and Graph's `{error:{code, message}}`. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (body === null || typeof body !== "object")
    return typeof body === "string" && body !== "" ? { description: body } : {};
  const record = body as Record<string, unknown>;
  const graph = record["error"];
  if (graph !== null && typeof graph === "object") {
    const inner = graph as Record<string, unknown>;
    return { ...pickCode(inner["code"]), ...pickText(inner["message"]) };
  }
  if ("code" in record || "description" in record)
    return { ...pickCode(record["code"]), ...pickText(record["description"]) };
  if ("statusCode" in record || "message" in record)
    return { ...pickCode(record["statusCode"]), ...pickText(record["message"]) };
  return {};
}

function pickCode(value: unknown): { serviceCode?: number | string } {
  return typeof value === "number" || typeof value === "string" ? { serviceCode: value } : {};
}

function pickText(value: unknown): { description?: string } {
  return typeof value === "string" ? { description: value } : {};
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export interface HttpErrorInput {
  service: Service;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  request: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
}

/** Turns a non-2xx response into a PartnerCenterError with an actionable message. */
export function errorFromResponse(input: HttpErrorInput): PartnerCenterError {
  const { status, headers, service } = input;
  const parsed = parseErrorBody(input.body);
  const retryAfterSeconds = parseRetryAfter(headers["retry-after"]);
  const requestId = headers["ms-requestid"] ?? headers["request-id"] ?? input.request.headers?.["MS-RequestId"];
  const correlationId =
    headers["ms-correlationid"] ?? headers["client-request-id"] ?? input.request.headers?.["MS-CorrelationId"];
  const code = codeForStatus(status);
  const serviceName = service === "graph" ? "Microsoft Graph" : "Partner Center";
  const what = parsed.description ?? `HTTP ${status}`;
  const codeText = parsed.serviceCode === undefined ? "" : ` (code ${parsed.serviceCode})`;
  const hint = hintFor(status, parsed.serviceCode, retryAfterSeconds, service);
  return new PartnerCenterError({
    code,
    message: `${serviceName} answered ${status} to ${input.request.method} ${stripQuery(input.request.url)}${codeText}: ${what}`,
    ...(hint === undefined ? {} : { hint }),
    service,
    status,
    ...parsed,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(requestId === undefined ? {} : { requestId }),
    retryable: isRetryableStatus(status, parsed.serviceCode),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    request: input.request,
  });
}

function isRetryableStatus(status: number, serviceCode: number | string | undefined): boolean {
  if (status === 408 || status === 429 || status >= 500) return status !== 501;
  if (status === 409)
    return (
      serviceCode !== undefined &&
      (retryableConflictCodes.has(String(serviceCode)) || serviceCode === "Directory_ConcurrencyViolation")
    );
  return false;
}

function codeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: "client.bad_request",
    401: "client.unauthorized",
    403: "client.forbidden",
    404: "client.not_found",
    409: "client.conflict",
    412: "client.precondition_failed",
    429: "client.throttled",
  };
  return byStatus[status] ?? (status >= 500 ? "client.server_error" : "client.http_error");
}

function hintFor(
  status: number,
  serviceCode: number | string | undefined,
  retryAfter: number | undefined,
  service: Service,
): string | undefined {
  const code = serviceCode === undefined ? "" : String(serviceCode);
  if (code === "900316" || code === "900329")
    return "This call needs an app+user token: set CSPCTL_REFRESH_TOKEN (Secure Application Model).";
  if (status === 401)
    return "Check CSPCTL_CLIENT_ID, the client secret or certificate, and that the app is consented in the partner tenant.";
  if (status === 403) return "Check the partner user's AdminAgents membership and the GDAP roles for this customer.";
  if (status === 429 && service === "graph")
    return `Microsoft Graph is throttling this application in this tenant${retryAfter === undefined ? "" : ` (Retry-After ${retryAfter}s)`}; lower the concurrency or try later.`;
  if (status === 429)
    return `Partner Center is throttling this partner${retryAfter === undefined ? "" : ` (Retry-After ${retryAfter}s)`}; lower the concurrency or try later.`;
  if (code === "400019")
    return "The availability id went stale; fetch the availability again right before the purchase.";
  if (code === "2055" || status === 412) return "The ETag is stale; read the resource again and retry the change.";
  if (status >= 500)
    return "A Partner Center service error; retry later and quote the correlation id to Microsoft support if it persists.";
  return undefined;
}

function stripQuery(url: string): string {
  const index = url.indexOf("?");
  return index < 0 ? url : url.slice(0, index);
}
