// canonicalJson: JSON with sorted keys, the text every fingerprint is the hash of (it is part of
// every saved plan, so its output never changes; test/unit/plan/fingerprint-format.test.ts pins it).
/** JSON with sorted keys, so equal states always serialise alike. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || typeof value === "function" || typeof value === "symbol")
    return JSON.stringify(value) as unknown as string;
  const copy = sortedCopy(value);
  if (copy !== NOT_COPYABLE) return JSON.stringify(copy);
  const chunks: string[] = [];
  const out = new ChunkWriter((chunk) => chunks.push(chunk));
  writeCanonical(value, out);
  out.flush();
  return chunks.join("");
}

// A 10,000-customer state spent most of the planner's time building nested strings here (bench
// planner-pure): values are appended to one buffer that is handed on in 64 KiB chunks, and each
// object shape's sorted key list and quoted keys are computed once. Same output as before.
class ChunkWriter {
  private buffer = "";
  constructor(private readonly sink: (chunk: string) => void) {}
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65_536) this.flush();
  }
  flush(): void {
    if (this.buffer.length > 0) this.sink(this.buffer);
    this.buffer = "";
  }
}

const sortedKeysByShape = new Map<string, { key: string; quoted: string }[]>();

function sortedKeys(record: Record<string, unknown>): { key: string; quoted: string }[] {
  const keys = Object.keys(record);
  const shape = keys.join("\u0000");
  const cached = sortedKeysByShape.get(shape);
  // keys holding NUL could make two shapes join alike: same count and all present means same keys
  if (cached !== undefined && cached.length === keys.length && cached.every((k) => Object.hasOwn(record, k.key)))
    return cached;
  const sorted = [...keys].sort().map((key) => ({ key, quoted: JSON.stringify(key) }));
  if (cached === undefined && sortedKeysByShape.size < 10_000) sortedKeysByShape.set(shape, sorted);
  return sorted;
}

export const NOT_COPYABLE = Symbol("not copyable");
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

/**
 * A copy whose objects hold their keys in sorted order, for the engine's own JSON.stringify (several
 * times faster than building the text here). Whatever that would print differently from the
 * writer below (array-index keys, which engines order numerically; undefined or function values in
 * arrays; `__proto__`) makes it give up, and the writer prints the value.
 */
export function sortedCopy(value: unknown): unknown {
  try {
    return copySorted(value);
  } catch (error) {
    if (error === NOT_COPYABLE) return NOT_COPYABLE;
    throw error;
  }
}

function copySorted(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (typeof value !== "object") throw NOT_COPYABLE;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copySorted(value[i]);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const { key } of sortedKeys(record)) {
    const field = record[key];
    if (field === undefined) continue;
    if (key === "__proto__" || INDEX_LIKE.test(key)) throw NOT_COPYABLE;
    copy[key] = copySorted(field);
  }
  return copy;
}

function writeCanonical(value: unknown, out: ChunkWriter, inObject = false): void {
  if (Array.isArray(value)) {
    out.write("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.write(",");
      writeCanonical(value[i], out);
    }
    out.write("]");
    return;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    out.write("{");
    let first = true;
    for (const { key, quoted } of sortedKeys(record)) {
      const field = record[key];
      if (field === undefined) continue;
      out.write(first ? `${quoted}:` : `,${quoted}:`);
      first = false;
      writeCanonical(field, out, true);
    }
    out.write("}");
    return;
  }
  // a function or symbol prints nothing in a list and `undefined` as a field, as it always has
  const text = JSON.stringify(value) as string | undefined;
  if (text !== undefined) out.write(text);
  else if (inObject) out.write("undefined");
}
