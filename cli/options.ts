// Options shared by plan, apply and drift, declared once.
import { InvalidArgumentError, Option, type Command } from "commander";
import { CspctlError } from "../core/errors.js";
import type { CustomerSelection } from "../reconciler/plan-estate.js";
import { parseShard, type Shard } from "../reconciler/shard.js";

export interface SelectionFlags {
  customer?: string[];
  selector?: string[];
  all?: boolean;
  shard?: Shard;
}

export interface ConnectionFlags {
  emulator?: string | boolean;
  logLevel?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addSelectionOptions(command: Command): Command {
  return command
    .option("--customer <name>", "only this customer (metadata.name); repeatable", collect)
    .option("--selector <key=value>", "only customers whose labels match; repeatable, all must match", collect)
    .option("--all", "also read every undeclared customer and report it as unmanaged")
    .option("--shard <i/N>", "only shard i of N: customers split by a stable hash of their name, so N CI jobs cover the estate once", shardFlag);
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option("--emulator [dir]", "run against an in-process emulator whose state persists in dir (default .cspctl/emulator) instead of CSPCTL_* settings"))
    .option("--log-level <level>", "client log level on stderr: error, warn, info, debug (secrets are never logged)");
}

export function toSelection(flags: SelectionFlags): CustomerSelection {
  const labels: Record<string, string> = {};
  for (const selector of flags.selector ?? []) {
    const at = selector.indexOf("=");
    if (at <= 0) throw new CspctlError({ code: "cli.usage", message: `--selector ${selector}: expected key=value`, hint: "for example --selector tier=gold" });
    labels[selector.slice(0, at)] = selector.slice(at + 1);
  }
  return { ...(flags.customer ? { names: flags.customer } : {}), labels, ...(flags.shard ? { shard: flags.shard } : {}) };
}

function shardFlag(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** `--json` is read from the raw arguments so that even a usage error can honour it. */
export function wantsJson(program: Command): boolean {
  return ((program as unknown as { rawArgs?: string[] }).rawArgs ?? process.argv).slice(2).includes("--json");
}
