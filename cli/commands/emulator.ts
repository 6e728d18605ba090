// `cspctl emulator`: starts the local Partner Center + Graph + token emulator, prints one JSON line
// with the environment a client needs, serves until SIGINT/SIGTERM. Logs go to stderr.
import type { Command } from "commander";
import { startEmulator, type EmulatorOptions } from "../../emulator/index.js";
import { withFlags } from "../flags.js";

interface EmulatorFlags {
  port: number;
  emulatorDir?: string;
  latency?: number;
  rateLimit?: number;
  faultRate?: number;
  dropRate?: number;
  seed?: number;
}

export function register(program: Command): void {
  const command = program
    .command("emulator")
    .description("Run the local Partner Center + Microsoft Graph + token emulator (HTTPS on 127.0.0.1).");
  withFlags(command, ["port", "emulatorDir", "latency", "rateLimit", "faultRate", "dropRate", "seed"]);
  command.action(async (flags: EmulatorFlags) => {
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
    ...(flags.emulatorDir === undefined ? {} : { dataDir: flags.emulatorDir }),
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
    `cspctl emulator: listening on ${emulator.origin} (state ${flags.emulatorDir === undefined ? "in memory" : `in ${flags.emulatorDir}`}); Ctrl-C to stop`,
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  log(`cspctl emulator: ${signal} received, shutting down`);
  await emulator.close();
  log("cspctl emulator: stopped");
}
