import type { Timer } from "../../../client/retry.js";

/** A clock that jumps instead of sleeping, and randomness that is a fixed sequence. */
export interface FakeTimer extends Timer {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeTimer(randoms: number[] = [0.5]): FakeTimer {
  let now = 1_700_000_000_000;
  let index = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => randoms[index++ % randoms.length]!,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
