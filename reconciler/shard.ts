// Splits an estate's customers into N shards by a stable hash of metadata.name, so that N CI jobs
// (a matrix) together cover every customer exactly once: `--shard 2/4` is the second of four.
// SHA-256 rather than a hand-rolled hash: the same name lands in the same shard on every Node
// version and platform, and renaming other customers never moves this one.
import { createHash } from "node:crypto";

export interface Shard {
  /** 1-based, like `--shard 1/4` in Jest and Playwright. */
  index: number;
  count: number;
}

const MAX_SHARDS = 1_000;

/** Parses `i/N` (1 ≤ i ≤ N ≤ 1000); the message says what was expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (match === null) throw new RangeError(`"${text}" is not i/N; write e.g. 1/4 for the first of four shards`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new RangeError(`shard count ${count} must be from 1 to ${MAX_SHARDS}`);
  if (index < 1 || index > count)
    throw new RangeError(`shard ${index} must be from 1 to ${count} (shards are numbered from 1)`);
  return { index, count };
}

/** The shard (1..count) a customer belongs to: the first 32 bits of SHA-256 of its name, modulo count. */
export function shardOf(customerName: string, count: number): number {
  return (createHash("sha256").update(customerName, "utf8").digest().readUInt32BE(0) % count) + 1;
}

export function inShard(customerName: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(customerName, shard.count) === shard.index;
}
