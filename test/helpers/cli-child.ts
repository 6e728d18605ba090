// Runs the built CLI in a child process with a memory cap and a timeout, so a hang, an
// out-of-memory crash or a signal is reported as data instead of taking the test runner down.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export const CLI_PATH = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface CliRunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
  /** V8 old-space cap in MiB (--max-old-space-size). */
  maxOldSpaceMb?: number;
  /** Called once the child is spawned (crash tests kill it from here). */
  onSpawn?: (child: ChildProcess) => void;
}

export function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return runNodeChild([CLI_PATH, ...args], options);
}

/** `node --max-old-space-size=N <args>`: a script or the CLI, bounded the same way. */
export function runNodeChild(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const nodeArgs = [`--max-old-space-size=${options.maxOldSpaceMb ?? 256}`, ...args];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: { ...process.env, CI: "true", NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  options.onSpawn?.(child);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut,
      });
    });
  });
}

/** A V8/Node stack frame line (`    at fn (file:1:2)`), which users must never see. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

/** Ended by itself, with an allowed exit code (0 or 1 unless told), within its time, no stack trace, no Node crash banner. */
export function describeAbnormalEnd(run: CliRun, allowedStatuses: readonly number[] = [0, 1]): string | undefined {
  if (run.timedOut) return "timed out (killed)";
  if (run.signal !== null) return `killed by ${run.signal}`;
  if (run.status === null || !allowedStatuses.includes(run.status)) return `exit code ${run.status}`;
  const output = run.stdout + run.stderr;
  if (STACK_FRAME.test(output)) return "printed a stack trace";
  if (/FATAL ERROR|JavaScript heap out of memory|Unhandled|RangeError: Maximum call stack/.test(output))
    return "crashed";
  return undefined;
}
