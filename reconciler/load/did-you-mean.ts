import { distance } from "fastest-levenshtein";

/** The closest candidate to a misspelt word, when it is close enough to be a plausible typo. */
function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const lowered = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const other = candidate.toLowerCase();
    const d = other === lowered ? 0 : distance(lowered, other);
    // on a tie, prefer a candidate that the input starts with or extends ("USA" → "US", not "SA")
    const prefix = lowered.startsWith(other) || other.startsWith(lowered);
    if (
      d < bestDistance ||
      (d === bestDistance && prefix && best !== undefined && !isPrefixPair(lowered, best.toLowerCase()))
    ) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(input.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** `did you mean "x"?`, or the fallback (e.g. the list of valid values) when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[], fallback?: string): string | undefined {
  const match = closestMatch(input, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  return fallback;
}

/** `one of: a, b, c` for short lists; long lists (countries) are not worth printing. */
export function oneOf(values: readonly string[]): string | undefined {
  return values.length > 0 && values.length <= 12 ? `expected one of: ${values.join(", ")}` : undefined;
}

function isPrefixPair(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}
