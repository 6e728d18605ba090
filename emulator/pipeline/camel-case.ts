// Partner Center matches request property names case-insensitively and Microsoft's .NET SDK sends
// PascalCase (the Partner Center docs show both; Microsoft's .NET SDK sends PascalCase), so bodies reach handlers with every key in camelCase.

/** `LineItems` → `lineItems`, `ID` → `id`, `MPNId` → `mpnId`; already camelCase keys stay as they are. */
export function toCamelCase(key: string): string {
  if (key === "" || !isUpper(key[0]!)) return key;
  let upperRun = 0;
  while (upperRun < key.length && isUpper(key[upperRun]!)) upperRun++;
  // In `MPNId` the last capital of the run starts the next word, unless the run is the whole key.
  const lowerUntil = upperRun === key.length || upperRun === 1 ? upperRun : upperRun - 1;
  return key.slice(0, lowerUntil).toLowerCase() + key.slice(lowerUntil);
}

export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) result[toCamelCase(key)] = camelCaseKeys(inner);
  return result;
}

function isUpper(char: string): boolean {
  return char >= "A" && char <= "Z";
}
