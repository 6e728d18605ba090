// Preloaded into a CLI child (`NODE_OPTIONS=--import …`) by the secret scan: records, through
// undici's diagnostics channels, every bearer token the process sends and every token the token
// endpoint returns to it, one JSON line each, into the file named by CSPCTL_CHAOS_CAPTURE. The scan
// then knows the exact tokens to look for instead of guessing their shape.
import { appendFileSync } from "node:fs";
import diagnostics from "node:diagnostics_channel";

const file = process.env.CSPCTL_CHAOS_CAPTURE;
const bodies = new WeakMap();

function headerList(headers) {
  if (Array.isArray(headers)) return headers.map(String);
  if (typeof headers === "string")
    return headers.split("\r\n").flatMap((line) => {
      const at = line.indexOf(":");
      return at < 0 ? [] : [line.slice(0, at), line.slice(at + 1).trim()];
    });
  return Object.entries(headers ?? {})
    .flat()
    .map(String);
}

function record(kind, value) {
  if (typeof value === "string" && value !== "") appendFileSync(file, `${JSON.stringify({ kind, value })}\n`);
}

if (file) {
  diagnostics.subscribe("undici:request:create", ({ request }) => {
    const list = headerList(request.headers);
    for (let i = 0; i + 1 < list.length; i += 2)
      if (list[i].toLowerCase() === "authorization") record("bearer", list[i + 1].replace(/^Bearer\s+/i, ""));
    if (/\/oauth2\//.test(request.path)) bodies.set(request, []);
  });
  diagnostics.subscribe("undici:request:bodyChunkReceived", ({ request, chunk }) =>
    bodies.get(request)?.push(Buffer.from(chunk)),
  );
  diagnostics.subscribe("undici:request:trailers", ({ request }) => {
    const chunks = bodies.get(request);
    if (!chunks) return;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const field of ["access_token", "refresh_token", "id_token"]) record(field, body[field]);
    } catch {
      // not JSON: an error page carries no token
    }
  });
}
