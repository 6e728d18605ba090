// Samples how many requests a client has in flight (its throttle's active slots) while a scenario
// runs: is the concurrency cap the bound is computed with actually kept busy?
import type { Throttle } from "../../client/index.js";

export interface InFlight {
  /** Mean requests in flight over the samples. */
  mean: number;
  /** Share of samples (0..1) at the throttle's maxConcurrency. */
  atCap: number;
  samples: number;
}

const SAMPLE_EVERY_MS = 5;

export function sampleInFlight(throttle: Throttle): { stop(): InFlight } {
  let samples = 0;
  let total = 0;
  let atCap = 0;
  const timer = setInterval(() => {
    const active = throttle.active;
    samples++;
    total += active;
    if (active >= throttle.policy.maxConcurrency) atCap++;
  }, SAMPLE_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return { mean: samples === 0 ? 0 : total / samples, atCap: samples === 0 ? 0 : atCap / samples, samples };
    },
  };
}
