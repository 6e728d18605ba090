// Optional CPU profiles of one measured piece of work, on both sides: this process (the client)
// through the inspector, and the emulator child by signal. Set CSPCTL_BENCH_CPU_PROF=DIR to write
// DIR/<name>-client.cpuprofile and DIR/<name>-emulator.cpuprofile (open in Chrome DevTools).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Session } from "node:inspector/promises";

/** The environment variable naming the directory profiles go to; unset = no profiling. */
export const CPU_PROFILE_VARIABLE = "CSPCTL_BENCH_CPU_PROF";

export interface ProfiledSide {
  start(): Promise<void>;
  stop(file: string): Promise<void>;
}

export async function withCpuProfile<T>(name: string, emulator: ProfiledSide, work: () => Promise<T>): Promise<T> {
  const dir = process.env[CPU_PROFILE_VARIABLE];
  if (dir === undefined || dir === "") return work();
  await emulator.start();
  const session = await startProfiler();
  try {
    return await work();
  } finally {
    const profile = await stopProfiler(session);
    await emulator.stop(join(dir, `${name}-emulator.cpuprofile`));
    await writeFile(join(dir, `${name}-client.cpuprofile`), JSON.stringify(profile));
  }
}

async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return session;
}

async function stopProfiler(session: Session): Promise<unknown> {
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  return profile;
}

/** Where the emulator child writes a profile before the bench renames it. */
export const childProfileFile = (dir: string): string => join(dir, "emulator.cpuprofile.part");

/** For the emulator child: SIGUSR2 starts a profile, the next one writes it; each step is acknowledged on stdout. */
export function profileOnSignal(dir: string): void {
  let session: Session | undefined;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (session === undefined) {
        session = await startProfiler();
        process.stdout.write("profiling\n");
        return;
      }
      const profile = await stopProfiler(session);
      session = undefined;
      await writeFile(childProfileFile(dir), JSON.stringify(profile));
      process.stdout.write("profiled\n");
    })();
  });
}
