// Options shared by plan, apply and drift, declared once.
import { InvalidArgumentError, Option, type Command } from "commander";
import { CspctlError } from "../core/errors.js";
import type { CustomerSelection } from "../reconciler/plan-estate.js";
import { parseShard, type Shard } from "../reconciler/shard.js";
import type { LockSettings } from "../reconciler/lock/lock-config.js";

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
    .option(
      "--shard <i/N>",
      "only shard i of N: customers split by a stable hash of their name, so N CI jobs cover the estate once",
      shardFlag,
    );
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--emulator [dir]",
        "run against an in-process emulator whose state persists in dir (default .cspctl/emulator) instead of CSPCTL_* settings",
      ),
    )
    .option("--log-level <level>", "client log level on stderr: error, warn, info, debug (secrets are never logged)");
}

export function toSelection(flags: SelectionFlags): CustomerSelection {
  const labels: Record<string, string> = {};
  for (const selector of flags.selector ?? []) {
    const at = selector.indexOf("=");
    if (at <= 0)
      throw new CspctlError({
        code: "cli.usage",
        message: `--selector ${selector}: expected key=value`,
        hint: "for example --selector tier=gold",
      });
    labels[selector.slice(0, at)] = selector.slice(at + 1);
  }
  return {
    ...(flags.customer ? { names: flags.customer } : {}),
    labels,
    ...(flags.shard ? { shard: flags.shard } : {}),
  };
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

export interface LockFlags {
  lock?: string;
  lockTimeout?: string;
  lockAzureUrl?: string;
  lockAzureContainer?: string;
}

/** The estate lock (docs/locking.md): apply and force-unlock. Each flag falls back to its CSPCTL_LOCK_* variable. */
export function addLockOptions(command: Command, options: { timeout?: boolean } = {}): Command {
  command.option(
    "--lock <kind>",
    "the lock held while applying: local (default; a lock file in the state directory), azure-blob (a blob lease shared by runners on several machines), none (unsafe: two runs at once may both write) [env CSPCTL_LOCK]",
  );
  if (options.timeout !== false)
    command.option(
      "--lock-timeout <duration>",
      "how long to wait when another run holds a customer's lock, e.g. 30s or 5m; 0 (default) fails at once naming the holder [env CSPCTL_LOCK_TIMEOUT]",
    );
  return command
    .option(
      "--lock-azure-url <url>",
      "azure-blob: the storage account's blob URL, e.g. https://ACCOUNT.blob.core.windows.net (with CSPCTL_LOCK_AZURE_SAS) [env CSPCTL_LOCK_AZURE_URL]",
    )
    .option(
      "--lock-azure-container <name>",
      "azure-blob: the existing container that holds the lock blobs [env CSPCTL_LOCK_AZURE_CONTAINER]",
    );
}

export function toLockSettings(flags: LockFlags): LockSettings {
  return {
    lock: flags.lock,
    lockTimeout: flags.lockTimeout,
    azureUrl: flags.lockAzureUrl,
    azureContainer: flags.lockAzureContainer,
  };
}

/** `--approve-spend AMOUNT` of plan (recorded in a saved plan) and apply: docs/money.md. */
export const approveSpendOption = [
  "--approve-spend <amount>",
  "approve up to this monthly spend increase at cost (the customers' currency) for steps over a policy.approval threshold",
] as const;
