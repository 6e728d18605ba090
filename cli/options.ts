// Groups of flags (from cli/flags.ts) that several commands take, and what they turn into.
import type { Command } from "commander";
import { CspctlError } from "../core/errors.js";
import type { CustomerSelection } from "../reconciler/plan-estate.js";
import type { Shard } from "../reconciler/shard.js";
import type { LockSettings } from "../reconciler/lock/lock-config.js";
import { withFlags } from "./flags.js";

export interface SelectionFlags {
  customer?: string[];
  selector?: string[];
  all?: boolean;
  shard?: Shard;
}

export interface ConnectionFlags {
  emulator?: boolean;
  emulatorDir?: string;
  logLevel?: string;
}

export function addSelectionOptions(command: Command): Command {
  return withFlags(command, ["customer", "selector", "all", "shard"]);
}

export function addConnectionOptions(command: Command): Command {
  return withFlags(command, ["emulator", "emulatorDir", "logLevel"]);
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
  return withFlags(command, [
    "lock",
    ...(options.timeout === false ? [] : (["lockTimeout"] as const)),
    "lockAzureUrl",
    "lockAzureContainer",
  ]);
}

/** A flag that may be given once on this command (the table declares it repeatable for another). */
export function onlyOne(values: readonly string[] | undefined, flag: string): string | undefined {
  if (values === undefined || values.length <= 1) return values?.[0];
  throw new CspctlError({
    code: "cli.usage",
    message: `${flag} is given ${values.length} times; this command takes one`,
    hint: `keep one ${flag}`,
  });
}

export function toLockSettings(flags: LockFlags): LockSettings {
  return {
    lock: flags.lock,
    lockTimeout: flags.lockTimeout,
    azureUrl: flags.lockAzureUrl,
    azureContainer: flags.lockAzureContainer,
  };
}
