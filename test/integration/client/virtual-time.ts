// One virtual clock shared by the emulator (wall time for rate limits and tokens) and the client
// (retry and throttle sleeps), so Retry-After waits of a minute take no real time.
import type { Timer } from "../../../client/index.js";

export interface VirtualTime {
  wallClock: () => number;
  timer: Timer & { sleeps: number[] };
}

export function virtualTime(start = Date.now()): VirtualTime {
  let now = start;
  const sleeps: number[] = [];
  return {
    wallClock: () => now,
    timer: {
      sleeps,
      now: () => now,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}
