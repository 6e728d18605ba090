// `cspctl emulator`: starts the local Partner Center + Graph + token emulator, prints one JSON line
// with the environment a client needs, serves until SIGINT/SIGTERM. Logs go to stderr.
import { InvalidArgumentError, type Command } from "commander";
import { startEmulator, type EmulatorOptions } from "../../emulator/index.js";

interface EmulatorFlags {
  port: number;
  dataDir?: string;
  latency?: number;
  rateLimit?: number;
  faultRate?: number;
  dropRate?: number;
  seed?: number;
}

export function register(program: Command): void {
  program
    .command("emulator")
    .description("Run the local Partner Center + Microsoft Graph + token emulator (HTTPS on 127.0.0.1).")
    .option("--port <n>", "port to listen on (0 picks a free one)", integerFrom(0, 65535), 0)
    .option("--data-dir <dir>", "keep state, keys and the CA in this directory across restarts")
    .option("--latency <ms>", "fixed delay added to every API answer", integerFrom(0, 600_000))
    .option(
      "--rate-limit <per-minute>",
      "requests per minute per partner before 429 + Retry-After",
      integerFrom(1, 1_000_000),
    )
    .option("--fault-rate <p>", "share (0..1) of API requests answered 503", share)
    .option("--drop-rate <p>", "share (0..1) of writes committed and then dropped without an answer", share)
    .option(
      "--seed <n>",
      "seed of the fault generator (same seed, same faults)",
      integerFrom(-2_147_483_648, 2_147_483_647),
    )
    .action(async (flags: EmulatorFlags) => {
      await runEmulator(flags);
    });
}

async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const faults: EmulatorOptions["faults"] = {
    ...(flags.latency === undefined ? {} : { latencyMs: flags.latency }),
    ...(flags.rateLimit === undefined ? {} : { rateLimitPerMinute: flags.rateLimit }),
    ...(flags.faultRate === undefined ? {} : { errorRate: flags.faultRate }),
    ...(flags.dropRate === undefined ? {} : { dropRate: flags.dropRate }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
  };
  const emulator = await startEmulator({
    port: flags.port,
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    faults,
    log,
  });
  const env = {
    CSPCTL_PARTNER_CENTER_URL: emulator.env.CSPCTL_PARTNER_CENTER_URL,
    CSPCTL_GRAPH_URL: emulator.env.CSPCTL_GRAPH_URL,
    CSPCTL_AUTHORITY: emulator.env.CSPCTL_AUTHORITY,
    CSPCTL_TENANT_ID: emulator.env.CSPCTL_TENANT_ID ?? "",
    CSPCTL_CLIENT_ID: emulator.env.CSPCTL_CLIENT_ID ?? "",
    CSPCTL_CLIENT_SECRET: emulator.env.CSPCTL_CLIENT_SECRET ?? "",
    CSPCTL_REFRESH_TOKEN: emulator.env.CSPCTL_REFRESH_TOKEN ?? "",
    CSPCTL_CA_FILE: emulator.env.CSPCTL_CA_FILE,
  };
  process.stdout.write(`${JSON.stringify({ env, controlUrl: emulator.controlUrl, adminKey: emulator.adminKey })}\n`);
  log(
    `cspctl emulator: listening on ${emulator.origin} (state ${flags.dataDir === undefined ? "in memory" : `in ${flags.dataDir}`}); Ctrl-C to stop`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  log(`cspctl emulator: ${signal} received, shutting down`);
  await emulator.close();
  log("cspctl emulator: stopped");
}

function integerFrom(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return parsed;
  };
}

function share(value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || Number.isNaN(parsed) || parsed < 0 || parsed > 1)
    throw new InvalidArgumentError("expected a number from 0 to 1");
  return parsed;
}
