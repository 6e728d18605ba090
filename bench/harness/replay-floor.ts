// A floor for one run on this machine: the requests it sent, recorded off undici's diagnostics
// channel, sent again by a bare loop (no MSAL, no layers, no mapping, no planning, no waiting for
// one answer before the next request) with the same cap on API requests in flight and the same kind
// of Agent. The emulator and the cores it shares with the client cost the replay what they cost
// the run; the replay skips the run's own work and its dependencies: an estimate of the least time
// any client could take here at that moment.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { request as undiciRequest, type Dispatcher } from "undici";
import { defaultTimeouts } from "../../client/config.js";
import { createDispatcher } from "../../client/request.js";
import { FACE_PREFIXES } from "../../emulator/pipeline/api-pipeline.js";

export interface RecordedRequest {
  method: Dispatcher.HttpMethod;
  origin: string;
  path: string;
  /** Name, value, name, value… as undici holds them (the bearer token included). */
  headers: string[];
  body: Buffer | null;
  /** A Partner Center or Graph call, which the client's throttle counts; token and discovery calls are not. */
  capped: boolean;
}

interface UndiciRequest {
  method: Dispatcher.HttpMethod;
  origin: string;
  path: string;
  headers: string[];
  body: unknown;
}

const CREATE_CHANNEL = "undici:request:create";
const API_PREFIXES = Object.values(FACE_PREFIXES).map((prefix) => `${prefix}/`);

/** Records every request to `origin` (the emulator's control API aside) until stop(). */
export function recordRequests(origin: string): { stop(): RecordedRequest[] } {
  const recorded: RecordedRequest[] = [];
  const onCreate = (message: unknown): void => {
    const request = (message as { request: UndiciRequest }).request;
    if (request.origin !== origin || request.path.startsWith("/_emulator")) return;
    recorded.push({
      method: request.method,
      origin: request.origin,
      path: request.path,
      headers: [...request.headers],
      body: Buffer.isBuffer(request.body) ? request.body : null,
      capped: API_PREFIXES.some((prefix) => request.path.startsWith(prefix)),
    });
  };
  subscribe(CREATE_CHANNEL, onCreate);
  return {
    stop: () => {
      unsubscribe(CREATE_CHANNEL, onCreate);
      return recorded;
    },
  };
}

export interface ReplayResult {
  wallSeconds: number;
  cpuSeconds: number;
  requests: number;
}

/**
 * Sends the recorded requests again in their order, at most `inFlight` capped ones at once, none
 * waiting for another's answer: a lower bound free of the run's dependencies (a page before the
 * next, a customer's orders before its subscriptions, a token before the calls that carry it).
 * Every answer must be a 2xx: the plan scenarios read an estate already applied.
 */
export async function replayRequests(
  recorded: readonly RecordedRequest[],
  options: { ca: string; inFlight: number },
): Promise<ReplayResult> {
  const dispatcher = createDispatcher({ ca: options.ca, timeouts: defaultTimeouts });
  const failures: string[] = [];
  let active = 0;
  const waiters: Array<() => void> = [];
  const send = async (r: RecordedRequest): Promise<void> => {
    try {
      const response = await undiciRequest(`${r.origin}${r.path}`, {
        dispatcher,
        method: r.method,
        headers: r.headers,
        ...(r.body === null ? {} : { body: r.body }),
      });
      // parsed as the client parses it, so the floor does not skip work every client must do
      const text = await response.body.text();
      // JSON answers are parsed; the price sheet is a CSV file, read as text
      if (text !== "" && String(response.headers["content-type"] ?? "").includes("json")) JSON.parse(text);
      if (response.statusCode >= 300) failures.push(`${r.method} ${r.path} answered ${response.statusCode}`);
    } catch (error) {
      // kept, not thrown: the loop awaits slots while other sends are still unobserved
      failures.push(`${r.method} ${r.path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let wallSeconds: number;
  let cpu: NodeJS.CpuUsage;
  try {
    const pending: Array<Promise<void>> = [];
    for (const r of recorded) {
      if (!r.capped) {
        pending.push(send(r));
        continue;
      }
      while (active >= options.inFlight) await new Promise<void>((resolve) => waiters.push(resolve));
      active++;
      pending.push(
        send(r).finally(() => {
          active--;
          waiters.shift()?.();
        }),
      );
    }
    await Promise.all(pending);
    wallSeconds = (performance.now() - started) / 1000;
    cpu = process.cpuUsage(cpuBefore);
  } finally {
    await dispatcher.close();
  }
  if (failures.length > 0)
    throw new Error(
      `bench: the replay of the recorded requests failed ${failures.length} times, first: ${failures[0]}`,
    );
  return { wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, requests: recorded.length };
}
