// Field paths below an address (`subscriptions[business-premium].quantity`, `licenses[0].disabledPlans`).

/** `name`, or `[selector]` choosing a sequence item by index or by its name/userPrincipalName/subscription/sku. */
export type PathSegment = { field: string } | { select: string };

export function parseFieldPath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|(\.)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(path)) !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) segments.push({ field: match[1] });
    else if (match[2] !== undefined) segments.push({ select: match[2] });
  }
  return consumed === path.length ? segments : undefined;
}

const ITEM_KEYS = ["name", "userPrincipalName", "subscription", "sku", "path"] as const;

/** The key (field name or item index) a segment selects in `collection`, or undefined. */
export function selectEntry(collection: object, segment: PathSegment): string | undefined {
  if ("field" in segment) return Object.hasOwn(collection, segment.field) ? segment.field : undefined;
  if (!Array.isArray(collection)) return undefined;
  if (/^\d+$/.test(segment.select)) return Number(segment.select) < collection.length ? segment.select : undefined;
  const wanted = segment.select.toLowerCase();
  const index = collection.findIndex(
    (item: unknown) =>
      item !== null &&
      typeof item === "object" &&
      ITEM_KEYS.some((k) => {
        const value = (item as Record<string, unknown>)[k];
        return typeof value === "string" && value.toLowerCase() === wanted;
      }),
  );
  return index < 0 ? undefined : String(index);
}
