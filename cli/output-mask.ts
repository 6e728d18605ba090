// What a command prints or writes never carries a value the estate read from `${env:}` (outside the
// safe-to-show fields) or a password: views mask their data before rendering (so JSON and escaped
// text are covered), and stdout/stderr mask whatever else passes (logs, progress, errors).
import { SensitiveValues } from "../core/sensitive-values.js";

let active = new SensitiveValues();
let guarded = false;

/** From now on, this process's output shows these values as their `${env:NAME}` references. */
export function protectOutput(sensitive: SensitiveValues | undefined): void {
  if (sensitive === undefined || sensitive.size === 0) return;
  active = sensitive;
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        typeof chunk === "string"
          ? active.mask(chunk)
          : chunk instanceof Uint8Array
            ? active.mask(Buffer.from(chunk).toString("utf8"))
            : chunk,
        ...rest,
      )) as typeof stream.write;
  }
}

/** A copy of view data (a plan, a report, an error) with every sensitive value masked. */
export function masked<T>(value: T): T {
  return active.maskDeep(value);
}
