// The one function that puts bytes on the wire: undici over a keep-alive Agent that trusts the
// configured CA, with connect/headers/body timeouts and AbortSignal. JSON in, JSON out; non-2xx
// answers become PartnerCenterError here so every layer above sees one error type.
import { createSecureContext, rootCertificates } from "node:tls";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { PartnerCenterError, errorFromResponse } from "./errors.js";
import type { Timeouts } from "./config.js";
import type { ClientRequest, ClientResponse, Send } from "./send.js";

export interface DispatcherOptions {
  ca: string | undefined;
  timeouts: Timeouts;
  connections?: number;
}

/** One Agent per client: shared by Partner Center, Graph and MSAL so the CA file and timeouts apply to all. */
export function createDispatcher(options: DispatcherOptions): Agent {
  // One SecureContext for every connection: passing `ca` instead makes Node parse the ~140 root
  // certificates again on each new TLS connection (finding bench-client-addcacert).
  const secureContext =
    options.ca === undefined ? undefined : createSecureContext({ ca: [...rootCertificates, options.ca] });
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: options.connections ?? 32,
    headersTimeout: options.timeouts.headersMs,
    bodyTimeout: options.timeouts.bodyMs,
    connect: {
      timeout: options.timeouts.connectMs,
      ...(secureContext === undefined ? {} : { secureContext }),
    },
  });
}

export function createSend(dispatcher: Dispatcher): Send {
  return (request) => sendRequest(dispatcher, request);
}

export async function sendRequest(dispatcher: Dispatcher, request: ClientRequest): Promise<ClientResponse> {
  const hasBody = request.body !== undefined;
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (hasBody) headers["content-type"] = "application/json";
  let response: Dispatcher.ResponseData;
  try {
    response = await undiciRequest(request.url, {
      dispatcher,
      method: request.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (error) {
    throw networkError(error, request);
  }
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw networkError(error, request);
  }
  const responseHeaders = flattenHeaders(response.headers);
  const result: ClientResponse = { status: response.statusCode, headers: responseHeaders, body: parseBody(text) };
  const accepted = response.statusCode >= 200 && response.statusCode < 300;
  if (!accepted && !(request.acceptStatuses ?? []).includes(response.statusCode)) {
    throw errorFromResponse({
      service: request.service,
      status: response.statusCode,
      body: result.body,
      headers: responseHeaders,
      request,
    });
  }
  return result;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

const notSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const timeoutCodes = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
]);

function networkError(error: unknown, request: ClientRequest): PartnerCenterError {
  const code = errorCode(error);
  const target = `${request.method} ${new URL(request.url).origin}${new URL(request.url).pathname}`;
  if (request.signal?.aborted === true || (error instanceof Error && error.name === "AbortError")) {
    return new PartnerCenterError({
      code: "client.aborted",
      message: `${target} was cancelled.`,
      service: request.service,
      retryable: false,
      request,
      cause: error,
    });
  }
  const timedOut = code !== undefined && timeoutCodes.has(code);
  return new PartnerCenterError({
    code: timedOut ? "client.timeout" : "client.network_error",
    message: timedOut
      ? `${target} timed out (${code}).`
      : `${target} failed before a response arrived (${code ?? "connection error"}).`,
    hint: isCertificateError(code)
      ? "The server's certificate is not trusted: set CSPCTL_CA_FILE to the PEM of its CA."
      : "Check the network and the CSPCTL_*_URL settings; the call is retried when it is safe to.",
    service: request.service,
    retryable: !isCertificateError(code),
    notSent: code !== undefined && notSentCodes.has(code),
    request,
    cause: error,
  });
}

function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && (code.includes("CERT") || code.includes("SIGNATURE"));
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}
