// A reusable secret scanner: given known secrets and any list of outputs (stdout, stderr, files,
// log lines, provider outputs), it reports every occurrence of a secret in any of the encodings a
// leak usually takes. Callers add their own commands/outputs; an empty result is the pass.
import diagnostics from "node:diagnostics_channel";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface KnownSecret {
  /** What the secret is (never the value): "client secret", "access token 3", "password of ada@…". */
  label: string;
  value: string;
}

export interface ScannedOutput {
  /** Where the bytes came from: "plan --json stdout", "file plan.json". */
  source: string;
  content: string | Uint8Array;
  /** Labels allowed in this output (the credentials file may hold the passwords it exists for). */
  allow?: (secret: KnownSecret) => boolean;
}

export interface SecretHit {
  source: string;
  label: string;
  /** The encoding found: raw, url, json, base64, base64url. */
  form: string;
  offset: number;
}

/** Shorter values would match by chance; the scan refuses them so a test cannot pass vacuously. */
const MIN_SECRET_LENGTH = 12;

/** Any JWT (header.payload.signature); access and id tokens all have this shape. */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g;

function encodings(value: string): [string, string][] {
  const forms: [string, string][] = [
    ["raw", value],
    ["url", encodeURIComponent(value)],
    ["json", JSON.stringify(value).slice(1, -1)],
    ["base64", Buffer.from(value).toString("base64").replace(/=+$/, "")],
    ["base64url", Buffer.from(value).toString("base64url")],
  ];
  const seen = new Set<string>();
  return forms.filter(([, encoded]) => {
    if (seen.has(encoded)) return false;
    seen.add(encoded);
    return true;
  });
}

export function scanForSecrets(outputs: readonly ScannedOutput[], secrets: readonly KnownSecret[]): SecretHit[] {
  for (const secret of secrets) {
    if (secret.value.length < MIN_SECRET_LENGTH)
      throw new Error(
        `secret "${secret.label}" is shorter than ${MIN_SECRET_LENGTH} characters; the scan would be meaningless`,
      );
  }
  const hits: SecretHit[] = [];
  for (const output of outputs) {
    const text = typeof output.content === "string" ? output.content : Buffer.from(output.content).toString("latin1");
    for (const secret of secrets) {
      if (output.allow?.(secret)) continue;
      for (const [form, encoded] of encodings(secret.value)) {
        const needle = typeof output.content === "string" ? encoded : Buffer.from(encoded, "utf8").toString("latin1");
        const offset = text.indexOf(needle);
        if (offset >= 0) hits.push({ source: output.source, label: secret.label, form, offset });
      }
    }
  }
  return hits;
}

/** JWT-shaped strings in outputs: catches a token the capture missed. */
export function scanForJwts(outputs: readonly ScannedOutput[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const output of outputs) {
    const text = typeof output.content === "string" ? output.content : Buffer.from(output.content).toString("latin1");
    for (const match of text.matchAll(JWT_PATTERN))
      hits.push({ source: output.source, label: "a JWT", form: "raw", offset: match.index });
  }
  return hits;
}

/** Every regular file under `dir` (recursively), as outputs named by their relative path. */
export function filesUnder(
  dir: string,
  options: { exclude?: (path: string) => boolean; allow?: (path: string, secret: KnownSecret) => boolean } = {},
): ScannedOutput[] {
  const outputs: ScannedOutput[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (options.exclude?.(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) {
        const allow = options.allow;
        outputs.push({
          source: `file ${relative(dir, path)}`,
          content: readFileSync(path),
          ...(allow ? { allow: (secret: KnownSecret) => allow(path, secret) } : {}),
        });
      }
    }
  };
  walk(dir);
  return outputs;
}

/** Reads the JSON lines written by test/security/capture-secrets.mjs. */
export function capturedSecrets(file: string): KnownSecret[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const kindsByValue = new Map<string, Set<string>>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const { kind, value } = JSON.parse(line) as { kind: string; value: string };
    const kinds = kindsByValue.get(value) ?? new Set<string>();
    kinds.add(kind);
    kindsByValue.set(value, kinds);
  }
  return [...kindsByValue].map(([value, kinds], index) => ({
    label: `${[...kinds].sort().join("+")} #${index + 1}`,
    value,
  }));
}

/**
 * The same capture as capture-secrets.mjs, inside this process: every bearer token sent and every
 * token a token endpoint returns, through undici's diagnostics channels, until stop().
 */
export function captureTokensInProcess(): { secrets(): KnownSecret[]; stop(): void } {
  const found = new Map<string, Set<string>>();
  const bodies = new WeakMap<object, Buffer[]>();
  const record = (kind: string, value: unknown): void => {
    if (typeof value !== "string" || value === "") return;
    const kinds = found.get(value) ?? new Set<string>();
    kinds.add(kind);
    found.set(value, kinds);
  };
  type Message = { request: { headers: unknown; path: string }; chunk?: Uint8Array };
  const onCreate = (message: unknown): void => {
    const { request } = message as Message;
    const headers = request.headers;
    const list: string[] = Array.isArray(headers)
      ? headers.map(String)
      : typeof headers === "string"
        ? headers.split("\r\n").flatMap((line) => {
            const at = line.indexOf(":");
            return at < 0 ? [] : [line.slice(0, at), line.slice(at + 1).trim()];
          })
        : [];
    for (let i = 0; i + 1 < list.length; i += 2)
      if (list[i]!.toLowerCase() === "authorization") record("bearer", list[i + 1]!.replace(/^Bearer\s+/i, ""));
    if (/\/oauth2\//.test(request.path)) bodies.set(request, []);
  };
  const onChunk = (message: unknown): void => {
    const { request, chunk } = message as Message;
    if (chunk) bodies.get(request)?.push(Buffer.from(chunk));
  };
  const onTrailers = (message: unknown): void => {
    const { request } = message as Message;
    const chunks = bodies.get(request);
    if (!chunks) return;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      for (const field of ["access_token", "refresh_token", "id_token"]) record(field, body[field]);
    } catch {
      // not JSON: no token in it
    }
  };
  diagnostics.subscribe("undici:request:create", onCreate);
  diagnostics.subscribe("undici:request:bodyChunkReceived", onChunk);
  diagnostics.subscribe("undici:request:trailers", onTrailers);
  return {
    secrets: () =>
      [...found].map(([value, kinds], index) => ({ label: `${[...kinds].sort().join("+")} #${index + 1}`, value })),
    stop: () => {
      diagnostics.unsubscribe("undici:request:create", onCreate);
      diagnostics.unsubscribe("undici:request:bodyChunkReceived", onChunk);
      diagnostics.unsubscribe("undici:request:trailers", onTrailers);
    },
  };
}

/** Everything written to this process's stdout and stderr until stop() (still passed through). */
export function captureProcessOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap = (original: typeof process.stdout.write) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tap(originals.out);
  process.stderr.write = tap(originals.err);
  return {
    text: () => chunks.join(""),
    stop: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}
