// Reads and parses a large estate's files on several threads. Parsing is two thirds of loading
// 10,000 customers (bench load-estate, profiled) and each file parses alone, so worker threads split it.
// The loader replays the packets in file order, so diagnostics, their order and the estate are
// those of a single-thread load (test/unit/load/parallel-load.test.ts). Any worker failure means
// "parse here instead": the single-thread path then behaves, and fails, exactly as before.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { EstateFile } from "./estate-files.js";
import type { PacketOptions, ParsedFilePacket } from "./parse-transfer.js";

/** Below this many files a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_FILES = 256;
const MAX_WORKERS = 4;
const MIN_CORES = 4;
const BATCH_FILES = 64;

type Answer = { id: number; packets: ParsedFilePacket[] } | { id: number; error: string };

/**
 * How many parse threads `auto` uses for this many files; 0 = parse on the loading thread. The
 * loading thread still rebuilds every document the workers send, so on two cores (measured on a
 * busy 2-core machine: 9.4-19.9 s with 2 workers against 8.6-15.3 s without, and a third more CPU)
 * workers do not pay; they start from four cores, leaving one to the loading thread.
 */
export function autoWorkers(fileCount: number, cores = availableParallelism()): number {
  if (fileCount < PARALLEL_MIN_FILES || cores < MIN_CORES) return 0;
  return Math.min(cores - 1, MAX_WORKERS, Math.ceil(fileCount / BATCH_FILES));
}

/** The files' packets in file order, or undefined when they should be parsed on this thread. */
export async function parseInWorkers(files: readonly EstateFile[], workers: number, options: PacketOptions): Promise<ParsedFilePacket[] | undefined> {
  const script = new URL("./parse-worker.js", import.meta.url);
  // running from TypeScript sources (vitest) there is no compiled worker: parse here
  if (workers < 1 || files.length === 0 || !existsSync(fileURLToPath(script))) return undefined;
  const batches: EstateFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
  const results: ParsedFilePacket[][] = new Array(batches.length);
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(script, { workerData: { env: { ...options.env }, limits: options.limits, reader: options.reader } }));
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= batches.length) return resolve();
              const id = next++;
              worker.postMessage({ id, files: batches[id] });
            };
            worker.on("message", (answer: Answer) => {
              if ("error" in answer) return reject(new Error(answer.error));
              results[answer.id] = answer.packets;
              send();
            });
            worker.once("error", reject);
            worker.once("exit", (code) => (next < batches.length || code !== 0 ? reject(new Error(`parse worker exited with ${code}`)) : undefined));
            send();
          }),
      ),
    );
    return results.flat();
  } catch {
    return undefined;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
