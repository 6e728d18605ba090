// Where plan/apply/drift connect: CSPCTL_* variables, or `--emulator` (`--emulator-dir DIR`), an in-process
// emulator whose state persists in DIR so that consecutive commands see the same Partner Center.
import {
  createClient,
  createLogger,
  defaultThrottlePolicy,
  logLevels,
  type CspClient,
  type LogLevel,
} from "../client/index.js";
import { CspctlError } from "../core/errors.js";

const DEFAULT_EMULATOR_DIR = ".cspctl/emulator";

/** The embedded emulator has no rate limit unless one is injected, so the client need not pace itself to Partner Center's. */
export const EMULATOR_THROTTLE = { requestsPerSecond: 1000, burst: 1000, maxConcurrency: 16 };

/**
 * How long apply waits for an order to provision before it reports the purchase as "submitted,
 * pending" and moves on; the next run reads the pending order instead of buying again.
 */
const ORDER_WAIT = {
  partnerCenter: { intervalMs: 5_000, timeoutMs: 120_000 },
  emulator: { intervalMs: 100, timeoutMs: 30_000 },
};

/** Seconds apply waits for an order to provision (default 120 against Partner Center, 30 against the emulator). */
const ORDER_WAIT_VARIABLE = "CSPCTL_ORDER_WAIT_SECONDS";

/** Seconds the embedded emulator takes to provision an order (default 0); tests set it to make orders really pend. */
const PROVISIONING_DELAY_VARIABLE = "CSPCTL_EMULATOR_PROVISIONING_DELAY";

export interface Connection {
  client: CspClient;
  /** Set when an in-process emulator serves this run. */
  emulator?: { origin: string; controlUrl: string; adminKey: string };
  /** Where cspctl keeps its own records for this Partner Center (the reseller invitations it showed). */
  stateDir: string;
  /** The service's clock: Partner Center's is the wall clock; the emulator's may have been moved. */
  now(): Promise<Date>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `--emulator`: the in-process emulator, its state in `emulatorDir` (default .cspctl/emulator). */
  emulator?: boolean;
  /** `--emulator-dir DIR`: the emulator's state directory; implies `emulator`. */
  emulatorDir?: string;
  logLevel?: string;
  env?: NodeJS.ProcessEnv;
  /** `--shard i/N`: N jobs share the partner's rate budget, so each takes 1/N of it. */
  shard?: { count: number };
}

export async function connect(options: ConnectOptions): Promise<Connection> {
  const env = options.env ?? process.env;
  // Without --log-level the client stays silent (as before); with it, its records go to stderr.
  const logger = options.logLevel === undefined ? undefined : createLogger({ level: toLogLevel(options.logLevel) });
  const emulatorDir = emulatorDirOf(options);
  if (emulatorDir === undefined) {
    const count = Math.max(1, options.shard?.count ?? 1);
    const throttle = {
      ...defaultThrottlePolicy,
      requestsPerSecond: defaultThrottlePolicy.requestsPerSecond / count,
      burst: Math.max(1, Math.floor(defaultThrottlePolicy.burst / count)),
    };
    const client = createClient({
      env,
      ...(logger ? { logger } : {}),
      poll: orderWait(env, ORDER_WAIT.partnerCenter),
      throttle,
    });
    return { client, stateDir: stateDirFor(options), now: async () => new Date(), close: () => client.close() };
  }
  const { startEmulator } = await import("../emulator/index.js");
  const emulator = await startEmulator({
    dataDir: emulatorDir,
    log: () => undefined,
    domainConfig: { provisioningDelaySeconds: seconds(env, PROVISIONING_DELAY_VARIABLE) ?? 0 },
  });
  const client = createClient({
    env: { ...emulator.env },
    ...(logger ? { logger } : {}),
    poll: orderWait(env, ORDER_WAIT.emulator),
    throttle: EMULATOR_THROTTLE,
  });
  const controlUrl = emulator.controlUrl;
  return {
    client,
    emulator: { origin: emulator.origin, controlUrl, adminKey: emulator.adminKey },
    stateDir: emulatorDir,
    now: () => emulatorClock(controlUrl, emulator.adminKey, emulator.caPem),
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

/** Where cspctl keeps its own records (invitations, local locks): the emulator's folder, else CSPCTL_STATE_DIR or .cspctl. */
export function stateDirFor(options: Pick<ConnectOptions, "emulator" | "emulatorDir" | "env">): string {
  return emulatorDirOf(options) ?? ((options.env ?? process.env).CSPCTL_STATE_DIR || ".cspctl");
}

/** The in-process emulator's state directory, or undefined when the run talks to Partner Center. */
function emulatorDirOf(options: Pick<ConnectOptions, "emulator" | "emulatorDir">): string | undefined {
  return options.emulatorDir ?? (options.emulator === true ? DEFAULT_EMULATOR_DIR : undefined);
}

function toLogLevel(value: string): LogLevel {
  if ((logLevels as readonly string[]).includes(value)) return value as LogLevel;
  throw new CspctlError({
    code: "cli.usage",
    message: `--log-level ${value}: expected one of ${logLevels.join(", ")}`,
    hint: "for example --log-level info (secrets are never logged at any level)",
  });
}

function orderWait(
  env: NodeJS.ProcessEnv,
  defaults: { intervalMs: number; timeoutMs: number },
): { intervalMs: number; timeoutMs: number } {
  const wait = seconds(env, ORDER_WAIT_VARIABLE);
  return wait === undefined
    ? defaults
    : { intervalMs: Math.min(defaults.intervalMs, Math.max(50, wait * 250)), timeoutMs: wait * 1000 };
}

function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new CspctlError({
      code: "cli.usage",
      message: `${name}=${raw}: expected a number of seconds, 0 or more`,
      hint: `unset ${name}, or set it to e.g. 2`,
    });
  return value;
}

/** The emulator's business clock, which `/_emulator/clock` may have moved away from the wall clock. */
async function emulatorClock(controlUrl: string, adminKey: string, caPem: string): Promise<Date> {
  const { Agent, request } = await import("undici");
  const dispatcher = new Agent({ connect: { ca: caPem } });
  try {
    const response = await request(`${controlUrl}/clock`, {
      headers: { "x-emulator-key": adminKey, accept: "application/json" },
      dispatcher,
    });
    const body = (await response.body.json()) as { now?: string };
    if (response.statusCode !== 200 || typeof body.now !== "string")
      throw new CspctlError({
        code: "cli.emulator_clock",
        message: `the emulator's clock answered ${response.statusCode}`,
        hint: "restart the command; the emulator may not have started cleanly",
      });
    return new Date(body.now);
  } finally {
    await dispatcher.close();
  }
}
