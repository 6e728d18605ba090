// Passwords never reach --emulator-dir. A replayed answer read back from disk (a retry after a
// restart) comes without the `password` fields its first answer had: the new customer's admin
// password, a user's echoed password. Within one run the emulator still replays them in full.

/** A deep copy of `value` without any property named `password` (in any case). */
export function withoutPasswords<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key.toLowerCase() !== "password") copy[key] = strip(field);
  }
  return copy;
}
