// Compares the shape of an emulator answer with a Microsoft sample: field names and casing, nesting
// and value types. Ids and dates are normalised by comparing kinds, not values (a GUID in the sample
// must be a GUID in the answer, a date a date); placeholders such as "<guid>" are plain strings.

export type Kind = "null" | "boolean" | "number" | "string" | "guid" | "date" | "array" | "object";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return GUID.test(value) ? "guid" : DATE.test(value) ? "date" : "string";
  return typeof value as Kind;
}

export interface Allowances {
  /** Paths (`lineItems[].pricing`) present in the sample that the emulator leaves out, with why. */
  omitted?: Record<string, string>;
  /** Paths the emulator adds that the sample lacks, with why. */
  extra?: Record<string, string>;
  /** Paths whose value kind differs on purpose, with why. */
  retyped?: Record<string, string>;
  /** Paths not compared at all (subtrees the emulator does not model), with why. */
  ignored?: Record<string, string>;
}

/** Every difference, as readable lines; empty when the shapes agree. */
export function shapeDifferences(sample: unknown, actual: unknown, allowances: Allowances = {}): string[] {
  const problems: string[] = [];
  compare(sample, actual, "", allowances, problems);
  return problems;
}

function compare(sample: unknown, actual: unknown, path: string, allowances: Allowances, problems: string[]): void {
  if (allowances.ignored?.[path] !== undefined) return;
  const expected = kindOf(sample);
  const got = kindOf(actual);
  // A null in a sample says nothing about the type; "string" accepts ids and dates too.
  if (expected === "null") return;
  if (expected === "string" && (got === "guid" || got === "date")) return;
  if (expected !== got) {
    if (allowances.retyped?.[path] !== undefined) return;
    problems.push(`${path || "(root)"}: sample has ${expected}, emulator has ${got}`);
    return;
  }
  if (expected === "array") {
    const sampleItems = merged(sample as unknown[]);
    const actualItems = merged(actual as unknown[]);
    if (sampleItems === undefined) return;
    if (actualItems === undefined) {
      problems.push(`${path}[]: the emulator answered an empty array, so its items cannot be compared`);
      return;
    }
    compare(sampleItems, actualItems, `${path}[]`, allowances, problems);
    return;
  }
  if (expected !== "object") return;
  const s = sample as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    const child = path === "" ? key : `${path}.${key}`;
    if (!Object.hasOwn(a, key)) {
      const differentCase = Object.keys(a).find((k) => k.toLowerCase() === key.toLowerCase());
      if (differentCase !== undefined) problems.push(`${child}: emulator spells it ${differentCase}`);
      else if (allowances.omitted?.[child] === undefined) problems.push(`${child}: missing from the emulator's answer`);
      continue;
    }
    compare(s[key], a[key], child, allowances, problems);
  }
  for (const key of Object.keys(a)) {
    const child = path === "" ? key : `${path}.${key}`;
    if (
      !Object.hasOwn(s, key) &&
      !Object.keys(s).some((k) => k.toLowerCase() === key.toLowerCase()) &&
      allowances.extra?.[child] === undefined
    ) {
      problems.push(`${child}: the emulator adds a field the sample does not have`);
    }
  }
}

/** Array items merged into one object (union of fields), so heterogeneous samples compare fairly. */
function merged(items: unknown[]): unknown {
  if (items.length === 0) return undefined;
  if (items.every((item) => kindOf(item) === "object")) {
    const union: Record<string, unknown> = {};
    for (const item of items) {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const existing = union[key];
        union[key] =
          existing === undefined || existing === null
            ? value
            : kindOf(existing) === "object" && kindOf(value) === "object"
              ? merged([existing, value])
              : kindOf(existing) === "array" && kindOf(value) === "array"
                ? [...(existing as unknown[]), ...(value as unknown[])]
                : existing;
      }
    }
    return union;
  }
  return items.find((item) => item !== null) ?? items[0];
}
