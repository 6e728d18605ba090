import { createHash } from "node:crypto";
import type { ActualEstate } from "../read/actual-estate.js";

/** JSON with sorted keys, so equal states always serialise alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A fingerprint of what was read, minus the read time: two reads of an unchanged Partner Center
 * give the same fingerprint. Customers and their lists are sorted so read order does not matter.
 */
export function fingerprintActual(actual: ActualEstate): string {
  const byId = <T extends { id: string }>(items: T[] | null): T[] | null => (items === null ? null : [...items].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const normalised = {
    customers: [...actual.customers]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({ ...c, subscriptions: byId(c.subscriptions), users: byId(c.users), subscribedSkus: c.subscribedSkus === null ? null : [...c.subscribedSkus].sort((a, b) => (a.skuId < b.skuId ? -1 : 1)) })),
    unknown: [...actual.unknown].sort((a, b) => (a.address < b.address ? -1 : 1)),
    invitations: [...actual.invitations].sort((a, b) => (a.domain < b.domain ? -1 : 1)),
  };
  return "sha256:" + createHash("sha256").update(canonicalJson(normalised)).digest("hex");
}
