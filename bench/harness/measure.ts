// Wall time, CPU time and peak resident memory of one piece of work in this process.

export interface Measured<T> {
  value: T;
  wallSeconds: number;
  cpuSeconds: number;
  /** Highest RSS seen: sampled every 50 ms while the work awaits, and before and after it. */
  peakRssMiB: number;
}

const MIB = 1024 * 1024;

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  let peak = process.memoryUsage.rss();
  // Each sample reads /proc (about 0.3 ms here): every 20 ms was 0.1 s of plan-cold's client CPU.
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: peak / MIB };
  } finally {
    clearInterval(sampler);
  }
}

/** The process's lifetime peak RSS (getrusage maxrss), for work run alone in a child process. */
export function processPeakRssMiB(): number {
  return (process.resourceUsage().maxRSS * 1024) / MIB;
}
