// The emulator's business clock: wall time plus an offset by default, so term ends, cancellation
// windows, trials and renewals can be reached in tests without waiting. Tokens and rate limits use
// wall time instead (see server.ts): moving the business clock must not expire a client's token.
import type { Clock } from "./pipeline/types.js";

export interface ClockState {
  offsetMs: number;
  /** When set, `now()` stays at this instant (ms since epoch) until moved. */
  frozenAtMs: number | null;
}

export interface EmulatorClockOptions {
  wallClock?: () => number;
  state?: ClockState;
  /** Called after the clock moved forward, with the new time (runs due renewals, expiries…). */
  onAdvance?: (now: Date) => void;
}

export class EmulatorClock implements Clock {
  private readonly wallClock: () => number;
  private readonly onAdvance: (now: Date) => void;
  private offsetMs: number;
  private frozenAtMs: number | null;

  constructor(options: EmulatorClockOptions = {}) {
    this.wallClock = options.wallClock ?? Date.now;
    this.onAdvance = options.onAdvance ?? (() => undefined);
    this.offsetMs = options.state?.offsetMs ?? 0;
    this.frozenAtMs = options.state?.frozenAtMs ?? null;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.frozenAtMs ?? this.wallClock() + this.offsetMs;
  }

  state(): ClockState {
    return { offsetMs: this.offsetMs, frozenAtMs: this.frozenAtMs };
  }

  /** Moves the clock to `target`. Going back is allowed (no due work runs); going forward runs due work. */
  set(target: Date): Date {
    const before = this.nowMs();
    const targetMs = target.getTime();
    if (Number.isNaN(targetMs)) throw new RangeError("clock target is not a valid date");
    if (this.frozenAtMs !== null) this.frozenAtMs = targetMs;
    else this.offsetMs = targetMs - this.wallClock();
    if (targetMs > before) this.onAdvance(new Date(targetMs));
    return this.now();
  }

  /** Moves the clock forward by an ISO-8601 duration (`P8D`, `PT36H`, `P1Y`, `P1M2DT3H`). */
  advance(duration: string): Date {
    return this.set(addIsoDuration(this.now(), duration));
  }

  freeze(): void {
    this.frozenAtMs = this.nowMs();
  }

  /** Lets time tick again from where it stands. */
  unfreeze(): void {
    if (this.frozenAtMs === null) return;
    this.offsetMs = this.frozenAtMs - this.wallClock();
    this.frozenAtMs = null;
  }

  get frozen(): boolean {
    return this.frozenAtMs !== null;
  }

  /** Takes a persisted state back (after a restart); runs no due work. */
  restore(state: ClockState): void {
    this.offsetMs = state.offsetMs;
    this.frozenAtMs = state.frozenAtMs;
  }

  /** Back to wall time, ticking. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = null;
  }
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Adds a positive ISO-8601 duration to a date. Years and months are calendar units in UTC (an NCE
 * term of P1M from Jan 31 ends on the last day of February), the rest are fixed lengths.
 */
export function addIsoDuration(from: Date, duration: string): Date {
  const match = DURATION.exec(duration);
  if (match === null || duration === "P" || duration.endsWith("T")) {
    throw new RangeError(`"${duration}" is not an ISO-8601 duration such as P8D, PT12H or P1Y`);
  }
  const [years, months, weeks, days, hours, minutes] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const seconds = Number(match[7] ?? 0);
  const result = addCalendarMonths(from, years! * 12 + months!);
  const fixedMs = (((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60_000 + seconds * 1000;
  return new Date(result.getTime() + fixedMs);
}

function addCalendarMonths(from: Date, months: number): Date {
  if (months === 0) return new Date(from.getTime());
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
