// Every flag of every command, declared once: its name, argument, one meaning, and how commander
// parses it. Commands take flags from this table by name, so a flag cannot mean one thing on plan
// and another on import; the generated CLI reference lists the table.
import { InvalidArgumentError, Option } from "commander";
import { LOCK_KINDS } from "../reconciler/lock/lock-config.js";
import { REPORT_FORMATS } from "../reconciler/render/drift/render-report.js";
import { BILLING_FORMATS } from "../reconciler/render/billing/render-billing.js";
import { parseApproveSpend } from "../reconciler/money/approval.js";
import { parseShard } from "../reconciler/shard.js";

export interface FlagDefinition {
  /** Commander's flag text: `--name`, `--name <value>` or `--name [value]`. */
  flags: string;
  /** The one meaning, the same on every command that takes the flag. */
  description: string;
  // biome-ignore lint/suspicious/noExplicitAny: commander's parsers take and return the flag's own value type
  parse?: (value: string, previous: any) => any;
  choices?: readonly string[];
  default?: unknown;
}

const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

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

function amount(value: string): number {
  try {
    return parseApproveSpend(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function shard(value: string) {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export const flagTable = {
  // --- output ---
  json: { flags: "--json", description: "print the result as JSON on stdout (errors too)" },
  out: {
    flags: "--out <path>",
    description:
      "where the command writes its result: plan, the plan file for `apply --plan`; import, the folder of `NAME.yaml` files; drift, the file of the matching --format (repeatable, paired in order; the last format may go to stdout); billing, the report file (default stdout); report, the folder of the site",
    parse: repeatable,
  },
  format: {
    flags: "--format <format>",
    description:
      "an output format: drift takes text, json, markdown, html, junit or sarif (repeatable, paired with --out in order); billing takes text, csv, json, jsonl, markdown or html",
    parse: repeatable,
    choices: [...new Set<string>([...REPORT_FORMATS, ...BILLING_FORMATS])],
  },
  // --- billing cycles ---
  period: { flags: "--period <YYYY-MM>", description: "one billing cycle: the one starting in that month" },
  from: { flags: "--from <YYYY-MM>", description: "the first billing cycle of a range (with --to)" },
  to: { flags: "--to <YYYY-MM>", description: "the last billing cycle of a range (default: the current month)" },
  credentialsOut: {
    flags: "--credentials-out <file>",
    description: "write generated passwords and new admin credentials here (created 0600); never printed",
  },
  detailedExitcode: { flags: "--detailed-exitcode", description: "exit 2 when there are changes (0 none, 1 error)" },
  // --- which customers ---
  customer: {
    flags: "--customer <name>",
    description: "only this customer of the estate (its metadata.name); repeatable",
    parse: repeatable,
  },
  selector: {
    flags: "--selector <key=value>",
    description: "only customers of the estate whose labels match; repeatable, all must match",
    parse: repeatable,
  },
  all: { flags: "--all", description: "also read every undeclared customer and report it as unmanaged" },
  shard: {
    flags: "--shard <i/N>",
    description:
      "only shard i of N: customers split by a stable hash of their name, so N CI jobs cover the estate once",
    parse: shard,
  },
  tenant: {
    flags: "--tenant <domain-or-id>",
    description: "a customer in Partner Center, by its domain or tenant id; repeatable",
    parse: repeatable,
  },
  allCustomers: { flags: "--all-customers", description: "every customer the partner has in Partner Center" },
  // --- what a run may do ---
  plan: {
    flags: "--plan <file>",
    description: "apply a plan saved by `cspctl plan --out`; refused if Partner Center changed since",
  },
  yes: { flags: "--yes", description: "do not ask for confirmation" },
  allowDestructive: {
    flags: "--allow-destructive",
    description: "run suspend, cancel, unassign and disable-user steps of protected customers",
  },
  allowUnknown: {
    flags: "--allow-unknown",
    description:
      "go on when part of Partner Center could not be read: it is reported as unknown, never written, and does not change the exit code",
  },
  approveSpend: {
    flags: "--approve-spend <amount>",
    description:
      "approve up to this monthly spend increase at cost (the customers' currency) for steps over a policy.approval threshold; plan records it in a saved plan",
    parse: amount,
  },
  concurrency: {
    flags: "--concurrency <n>",
    description: "customers applied at the same time",
    parse: integerFrom(1, 10_000),
    default: 4,
  },
  force: { flags: "--force", description: "overwrite files that exist" },
  passwordPlaceholders: {
    flags: "--password-placeholders",
    description:
      "write `password: ${env:CSPCTL_PASSWORD_<CUSTOMER>_<USER>}` for each user (the variables must then be set to load the files)",
  },
  horizon: {
    flags: "--horizon <days>",
    description: "pending window for trials, term ends and scheduled changes, e.g. 14d or 2w (default 14d)",
  },
  gdapExpiryDays: {
    flags: "--gdap-expiry-days <days>",
    description: "report a GDAP relationship that ends within this many days without auto-extend (default 30)",
    parse: integerFrom(0, 730),
    default: 30,
  },
  failOn: {
    flags: "--fail-on <categories>",
    description: "categories that count as drift (default changed,missing,unmanaged); repeatable or comma-separated",
    parse: repeatable,
  },
  // --- where to connect ---
  emulator: {
    flags: "--emulator",
    description: "run against an in-process emulator instead of the CSPCTL_* connection (state in --emulator-dir)",
  },
  emulatorDir: {
    flags: "--emulator-dir <dir>",
    description:
      "the emulator's state directory (state, keys, CA, locks), kept across runs; on the commands that connect it implies --emulator (default there .cspctl/emulator); `cspctl emulator` without it keeps state in memory",
  },
  logLevel: {
    flags: "--log-level <level>",
    description: "client log level on stderr (secrets are never logged)",
    choices: ["error", "warn", "info", "debug"],
  },
  // --- the estate lock (docs/locking.md); each falls back to its CSPCTL_LOCK_* variable ---
  lock: {
    flags: "--lock <kind>",
    description:
      "the lock held while applying: local (default; a lock file in the state directory), azure-blob (a blob lease shared by runners on several machines), none (unsafe: two runs at once may both write) [env CSPCTL_LOCK]",
    choices: LOCK_KINDS,
  },
  lockTimeout: {
    flags: "--lock-timeout <duration>",
    description:
      "how long to wait when another run holds a customer's lock, e.g. 30s or 5m; 0 (default) fails at once naming the holder [env CSPCTL_LOCK_TIMEOUT]",
  },
  lockAzureUrl: {
    flags: "--lock-azure-url <url>",
    description:
      "azure-blob: the storage account's blob URL, e.g. https://ACCOUNT.blob.core.windows.net (with CSPCTL_LOCK_AZURE_SAS) [env CSPCTL_LOCK_AZURE_URL]",
  },
  lockAzureContainer: {
    flags: "--lock-azure-container <name>",
    description: "azure-blob: the existing container that holds the lock blobs [env CSPCTL_LOCK_AZURE_CONTAINER]",
  },
  // --- the emulator server ---
  port: {
    flags: "--port <n>",
    description: "port to listen on (0 picks a free one)",
    parse: integerFrom(0, 65535),
    default: 0,
  },
  latency: {
    flags: "--latency <ms>",
    description: "fixed delay added to every API answer",
    parse: integerFrom(0, 600_000),
  },
  rateLimit: {
    flags: "--rate-limit <per-minute>",
    description: "requests per minute per partner before 429 + Retry-After",
    parse: integerFrom(1, 1_000_000),
  },
  faultRate: { flags: "--fault-rate <p>", description: "share (0..1) of API requests answered 503", parse: share },
  dropRate: {
    flags: "--drop-rate <p>",
    description: "share (0..1) of writes committed and then dropped without an answer",
    parse: share,
  },
  seed: {
    flags: "--seed <n>",
    description: "seed of the fault generator (same seed, same faults)",
    parse: integerFrom(-2_147_483_648, 2_147_483_647),
  },
  // --- snapshot and incremental reads (docs/incremental-reads.md) ---
  full: {
    flags: "--full",
    description:
      "read every customer in full instead of from the snapshot of the last read (the snapshot is still written)",
  },
  maxSnapshotAge: {
    flags: "--max-snapshot-age <days>",
    description: "read a customer in full when its last full read is older than this many days (default 7, at most 89)",
    parse: integerFrom(0, 89),
  },
} as const satisfies Record<string, FlagDefinition>;

export type FlagName = keyof typeof flagTable;

/** A fresh commander Option for the flag (an Option belongs to one command). */
export function flag(name: FlagName): Option {
  const definition: FlagDefinition = flagTable[name];
  const option = new Option(definition.flags, definition.description);
  // choices() installs its own parser; a repeatable flag with choices checks them itself.
  if (definition.choices && !definition.parse) option.choices(definition.choices);
  else if (definition.choices) {
    const { choices, parse } = definition;
    option.argParser((value: string, previous: unknown) => {
      if (!choices.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}.`);
      return parse!(value, previous);
    });
    option.argChoices = [...choices];
  } else if (definition.parse) option.argParser(definition.parse);
  if (definition.default !== undefined) option.default(definition.default);
  return option;
}

/** Adds the named flags to a command, in order. */
export function withFlags<C extends { addOption(option: Option): C }>(command: C, names: readonly FlagName[]): C {
  for (const name of names) command.addOption(flag(name));
  return command;
}
