// Bounds that keep a hostile or broken estate from exhausting memory or time. Documented in docs/estate.md (Size limits).
export const LoadLimits = {
  /** Largest estate file read, in bytes (5 MiB). */
  maxFileBytes: 5 * 1024 * 1024,
  /** Deepest map/sequence nesting accepted in one document. The format itself needs 7. */
  maxDepth: 32,
  /** Most nodes one document may expand to, counting every alias expansion (alias bombs). */
  maxNodesPerDocument: 200_000,
  /** Most alias references one document may use. */
  maxAliases: 1_000,
  /** Most files read from a folder. */
  maxFiles: 50_000,
} as const;
export type LoadLimits = { -readonly [K in keyof typeof LoadLimits]: number };
