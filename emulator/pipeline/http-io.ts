// Reading request bodies and writing responses: camelCase JSON as Partner Center sends it,
// `application/json; charset=utf-8`, no body for 204 or HEAD.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorResponse } from "./types.js";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  // Most reads carry no body; skipping the async iterator for them is measurable under load.
  if (request.headers["content-length"] === undefined && request.headers["transfer-encoding"] === undefined) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return chunks.length === 0 ? "" : Buffer.concat(chunks).toString("utf8");
}

export function sendResponse(
  res: ServerResponse,
  method: string,
  response: EmulatorResponse,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { ...extraHeaders, ...lowerCaseKeys(response.headers ?? {}) };
  const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304;
  // A string (not a Buffer) lets Node send headers and body in one TLS write instead of a writev.
  let payload: string | undefined;
  if (hasBody) {
    payload =
      typeof response.body === "string" && headers["content-type"] !== undefined
        ? response.body
        : JSON.stringify(response.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
    headers["content-length"] = String(Buffer.byteLength(payload, "utf8"));
  } else {
    headers["content-length"] = "0";
  }
  res.writeHead(response.status, headers);
  if (method === "HEAD" || payload === undefined) res.end();
  else res.end(payload, "utf8");
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

/** Node's header values can be arrays; handlers see one comma-joined string per lower-cased name. */
export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}
