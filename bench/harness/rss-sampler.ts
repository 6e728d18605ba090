// Samples the process's RSS from a worker thread, so that peak memory is seen even while the main
// thread is busy in synchronous work (the planner never yields).
import { Worker } from "node:worker_threads";

const SAMPLER_SOURCE = `
const { parentPort } = require("node:worker_threads");
let peak = process.memoryUsage.rss();
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
parentPort.on("message", () => { clearInterval(timer); peak = Math.max(peak, process.memoryUsage.rss()); parentPort.postMessage(peak); });
`;

export interface RssSampler {
  /** Stops sampling and returns the highest RSS seen, in MiB. */
  stop(): Promise<number>;
}

export async function startRssSampler(): Promise<RssSampler> {
  const worker = new Worker(SAMPLER_SOURCE, { eval: true });
  await new Promise<void>((resolve, reject) => {
    worker.once("online", () => resolve());
    worker.once("error", reject);
  });
  return {
    stop: async () => {
      const peak = new Promise<number>((resolve, reject) => {
        worker.once("message", (value: number) => resolve(value));
        worker.once("error", reject);
      });
      worker.postMessage("stop");
      const bytes = await peak;
      await worker.terminate();
      return bytes / (1024 * 1024);
    },
  };
}
