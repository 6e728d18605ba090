// Paging as async iterators. Partner Center seek paging: GET links.next.uri with every header listed
// in links.next.headers (MS-ContinuationToken); the uri is host-relative and may or may not start
// with /v1 (production began adding it in 2021), so /v1 is added only when missing. Graph: follow
// @odata.nextLink verbatim, re-sending the first request's headers.
import { PartnerCenterError } from "./errors.js";
import type { ClientRequest, Send } from "./send.js";

interface WireLink {
  uri?: unknown;
  headers?: unknown;
}

/** Absolute URL of a Partner Center link relative to the host root. */
export function resolvePartnerCenterLink(hostRoot: string, uri: string): string {
  if (/^https?:\/\//i.test(uri)) return uri;
  const path = uri.startsWith("/") ? uri : `/${uri}`;
  const versioned = /^\/v1(\/|\?|$)/i.test(path) ? path : `/v1${path}`;
  return `${hostRoot.replace(/\/+$/, "")}${versioned}`;
}

function linkHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!Array.isArray(headers)) return result;
  for (const header of headers as Array<{ key?: unknown; value?: unknown }>) {
    if (typeof header.key === "string" && typeof header.value === "string") result[header.key] = header.value;
  }
  return result;
}

function collectionItems(body: unknown, field: "items" | "value", request: ClientRequest): unknown[] {
  const items = (body as Record<string, unknown> | undefined)?.[field];
  if (Array.isArray(items)) return items;
  throw new PartnerCenterError({
    code: "client.unexpected_response",
    message: `${request.method} ${request.operation} answered without a "${field}" array; cannot page through it.`,
    service: request.service,
    retryable: false,
    request,
  });
}

/** Every item of a seek-paged Partner Center collection, page by page. */
export async function* paginatePartnerCenter(
  send: Send,
  first: ClientRequest,
  hostRoot: string,
): AsyncGenerator<unknown> {
  let request: ClientRequest | undefined = first;
  const seen = new Set<string>();
  while (request !== undefined) {
    const response = await send(request);
    yield* collectionItems(response.body, "items", request);
    const next = ((response.body as { links?: { next?: WireLink } }).links?.next ?? undefined) as WireLink | undefined;
    if (next === undefined || typeof next.uri !== "string" || next.uri === "") return;
    const headers = linkHeaders(next.headers);
    const identity = `${next.uri}|${JSON.stringify(headers)}`;
    if (seen.has(identity)) throw loopError(request);
    seen.add(identity);
    request = {
      ...first,
      url: resolvePartnerCenterLink(hostRoot, next.uri),
      headers: { ...withoutRequestId(first.headers), ...headers },
    };
  }
}

/** Every item of a Graph collection, following @odata.nextLink until it is absent. */
export async function* paginateGraph(send: Send, first: ClientRequest): AsyncGenerator<unknown> {
  let request: ClientRequest | undefined = first;
  const seen = new Set<string>();
  while (request !== undefined) {
    const response = await send(request);
    yield* collectionItems(response.body, "value", request);
    const next = (response.body as Record<string, unknown>)["@odata.nextLink"];
    if (typeof next !== "string" || next === "") return;
    if (seen.has(next)) throw loopError(request);
    seen.add(next);
    request = { ...first, url: next };
  }
}

/** Each page is its own operation and gets its own MS-RequestId from the idempotency layer. */
function withoutRequestId(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "ms-requestid"));
}

function loopError(request: ClientRequest): PartnerCenterError {
  return new PartnerCenterError({
    code: "client.unexpected_response",
    message: `${request.operation}: the service returned the same next link twice; stopping to avoid an endless loop.`,
    service: request.service,
    retryable: false,
    request,
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of iterable) result.push(item);
  return result;
}
