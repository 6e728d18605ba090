// Runs the CLI's commander program inside the test process (cli/main.ts's `main`), for tests where
// the process itself is not what is tested: output, exit code and files, without a Node start per
// run. Each run gets fresh CLI modules (as a new process would), its own environment and working
// folder, and stdout/stderr captured apart; runs in one test file take turns. Signals, kills, the bin
// entry and exit codes as the OS sees them stay with the real-process helpers (cli-child.ts).
import { vi } from "vitest";

export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** Added to the test process's environment (with CI=true and NO_COLOR=1, as the child runs have). */
  env?: Record<string, string | undefined>;
  /** Replaces the environment instead (CI and NO_COLOR are still added). */
  exactEnv?: Record<string, string | undefined>;
  cwd?: string;
}

type Write = typeof process.stdout.write;

let turn: Promise<unknown> = Promise.resolve();

/** `cspctl <args>` in this process: its exit code and everything it wrote to stdout and stderr. */
export function runCliInProcess(args: string[], options: InProcessOptions = {}): Promise<InProcessRun> {
  const run = turn.then(() => runNow(args, options));
  turn = run.catch(() => undefined);
  return run;
}

async function runNow(args: string[], options: InProcessOptions): Promise<InProcessRun> {
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    exitCode: process.exitCode,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const base = options.exactEnv ?? { ...process.env, ...options.env };
  process.env = withoutUndefined({ ...base, CI: "true", NO_COLOR: "1" });
  process.exitCode = undefined;
  process.stdout.write = capture(stdout);
  process.stderr.write = capture(stderr);
  try {
    if (options.cwd !== undefined) process.chdir(options.cwd);
    vi.resetModules();
    const { main } = (await import("../../cli/main.js")) as { main: (argv: string[]) => Promise<number> };
    const status = await main([process.execPath, "cspctl", ...args]);
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.chdir(saved.cwd);
    process.env = saved.env;
    process.exitCode = saved.exitCode;
  }
}

function capture(sink: string[]): Write {
  return ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as Write;
}

function withoutUndefined(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
