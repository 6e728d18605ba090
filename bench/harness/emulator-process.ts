// Starts bench/harness/emulator-child.js as a child process and drives its control API (seed,
// faults, stats) over HTTPS, trusting the emulator's CA.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, rename } from "node:fs/promises";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Agent, request } from "undici";
import type { EmulatorEnv, FaultConfig, StatsReport } from "../../emulator/index.js";
import { childProfileFile, CPU_PROFILE_VARIABLE, type ProfiledSide } from "./cpu-profile.js";

export interface EmulatorProcess {
  env: EmulatorEnv;
  seed(body: unknown): Promise<void>;
  faults(config: Partial<FaultConfig>): Promise<void>;
  stats(): Promise<StatsReport>;
  resetStats(): Promise<void>;
  /** Sets or moves the emulator clock (`{ now }` or `{ advance }`, as POST /_emulator/clock takes). */
  moveClock(body: { now: string } | { advance: string }): Promise<void>;
  /** The emulator's clock now (ISO). */
  clock(): Promise<string>;
  /** Moves the emulator's clock on by an ISO 8601 duration (`PT12H`). */
  advanceClock(duration: string): Promise<void>;
  /** A change made outside cspctl, as the portal makes it (`POST /_emulator/portal`). */
  portal(change: { method: string; path: string; body?: unknown; tenantId?: string }): Promise<void>;
  /** CPU seconds (user + system) the child has used so far; undefined where /proc is not there. */
  cpuSeconds(): number | undefined;
  /** CPU profile of the child (only when CSPCTL_BENCH_CPU_PROF is set). */
  profiler: ProfiledSide;
  close(): Promise<void>;
}

interface ReadyLine {
  env: EmulatorEnv;
  controlUrl: string;
  adminKey: string;
}

/** `dataDir`: the emulator keeps its state there (--emulator-dir); in memory without it. */
export async function startEmulatorProcess(dataDir?: string): Promise<EmulatorProcess> {
  const childJs = fileURLToPath(new URL("./emulator-child.js", import.meta.url));
  const child = spawn(process.execPath, [childJs, ...(dataDir === undefined ? [] : [dataDir])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = JSON.parse(await nextLine(lines, child)) as ReadyLine;
  const agent = new Agent({ connect: { ca: await readFile(ready.env.CSPCTL_CA_FILE, "utf8") } });
  const call = async (method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<unknown> => {
    const response = await request(`${ready.controlUrl}${path}`, {
      method,
      dispatcher: agent,
      headers: { "x-emulator-key": ready.adminKey, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300)
      throw new Error(`emulator control ${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  };
  return {
    env: ready.env,
    seed: async (body) => void (await call("POST", "/seed", body)),
    faults: async (config) => void (await call("PUT", "/faults", config)),
    stats: async () => (await call("GET", "/stats")) as StatsReport,
    resetStats: async () => void (await call("POST", "/stats/reset")),
    moveClock: async (body) => void (await call("POST", "/clock", body)),
    clock: async () => ((await call("GET", "/clock")) as { now: string }).now,
    advanceClock: async (duration) => void (await call("POST", "/clock", { advance: duration })),
    // answers with the API's own status and body; call() throws on anything but success
    portal: async (change) => void (await call("POST", "/portal", change)),
    cpuSeconds: () => processCpuSeconds(child.pid),
    profiler: {
      start: async () => {
        const acknowledged = nextLine(lines, child);
        child.kill("SIGUSR2");
        await acknowledged;
      },
      stop: async (file) => {
        const acknowledged = nextLine(lines, child);
        child.kill("SIGUSR2");
        await acknowledged;
        await rename(childProfileFile(process.env[CPU_PROFILE_VARIABLE]!), file);
      },
    },
    close: async () => {
      lines.close();
      await agent.close();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The child's next line on stdout; rejects if it exits first. */
export function nextLine(lines: Interface, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const exited = (code: unknown): void =>
      reject(new Error(`the emulator child exited with ${String(code)} before it answered`));
    child.once("exit", exited);
    lines.once("line", (text) => {
      child.off("exit", exited);
      resolve(text);
    });
  });
}

/** utime + stime of a process from /proc/PID/stat (Linux), in seconds. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticksPerSecond = 100; // USER_HZ on Linux
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
