// Starts test/helpers/hold-lock.mjs (a process that takes the estate lock through the built dist/
// and holds it until killed) and follows what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { LockInfo } from "../../reconciler/lock/lock-info.js";

const HOLD_LOCK = join(import.meta.dirname, "hold-lock.mjs");

export interface LockHolder {
  child: ChildProcess;
  /** The lock info, once the holder has the lock. */
  info: LockInfo;
  /** Resolves when it prints that its lock was lost (force-unlocked). */
  lost: Promise<string>;
  exited: Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export async function startLockHolder(
  env: Record<string, string | undefined>,
  partnerTenant: string,
  customers: string[],
): Promise<LockHolder> {
  const child = spawn(process.execPath, [HOLD_LOCK, partnerTenant, ...customers], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (status, signal) => resolve({ status, signal })),
  );
  let onLost: (code: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => (onLost = resolve));
  const info = await new Promise<LockInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the lock holder did not report its lock within 30 s: ${output}`)),
      30_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      for (const line of output.split("\n")) {
        if (line.startsWith('{"locked"')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { locked: LockInfo }).locked);
        }
        if (line.startsWith('{"lost"')) onLost((JSON.parse(line) as { lost: string }).lost);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString("utf8")));
    void exited.then((end) => {
      clearTimeout(timer);
      reject(new Error(`the lock holder ended (${end.status ?? end.signal}) before it held the lock: ${output}`));
    });
  });
  return { child, info, lost, exited, output: () => output };
}
