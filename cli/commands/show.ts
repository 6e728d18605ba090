// `cspctl show customer NAME PATHS…` and `cspctl show estate PATHS…`: what Partner Center holds,
// as a partner portal shows it, read live (docs/views.md lists each tab's calls). Exit 0, or 1 on
// an error.
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { selectCustomers } from "../../reconciler/plan-estate.js";
import { CUSTOMER_TABS, type CustomerTab, readCustomerView } from "../../reconciler/views/customer-view.js";
import { readEstateView } from "../../reconciler/views/estate-view.js";
import {
  renderCustomerView,
  renderEstateView,
  VIEW_FORMATS,
  type ViewFormat,
} from "../../reconciler/render/show/render-view.js";
import { connect } from "../connection.js";
import { loadValidEstate } from "../estate-input.js";
import { ExitCode } from "../exit-codes.js";
import { addConnectionOptions, type ConnectionFlags, wantsJson } from "../options.js";
import { reportCommandError } from "../errors.js";

interface ShowFlags extends ConnectionFlags {
  tab?: string[];
  since?: string;
  format?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function register(program: Command): void {
  const show = program.command("show").description("Show what Partner Center holds, as a partner portal shows it.");
  const customer = show
    .command("customer")
    .description("One customer, tab by tab, with the estate's names and undeclared objects marked.")
    .argument("<name>", "the customer's metadata.name in the estate")
    .argument("<paths...>", "estate files or folders")
    .option("--tab <tabs>", `${CUSTOMER_TABS.join(", ")}; repeatable or comma-separated (default all)`, collect)
    .option("--since <date>", "start of the audit tab (yyyy-mm-dd; default 30 days back, at most 90)")
    .option("--format <format>", "text, json or html (default text)");
  addConnectionOptions(customer);
  customer.action(async (name: string, paths: string[], flags: ShowFlags) =>
    run(program, flags, async (connection, format) => {
      const tabs = parseTabs(flags.tab);
      const since = parseSince(flags.since);
      const estate = await loadValidEstate(paths);
      const [declared] = selectCustomers(estate, { names: [name] });
      const view = await readCustomerView(connection.client, declared!, {
        tabs,
        now: await connection.now(),
        ...(since === undefined ? {} : { since }),
      });
      return renderCustomerView(view, format);
    }),
  );
  const estate = show
    .command("estate")
    .description("Every declared customer: seat use, monthly cost and drift status.")
    .argument("<paths...>", "estate files or folders")
    .option("--format <format>", "text, json or html (default text)");
  addConnectionOptions(estate);
  estate.action(async (paths: string[], flags: ShowFlags) =>
    run(program, flags, async (connection, format) => {
      const loaded = await loadValidEstate(paths);
      return renderEstateView(await readEstateView(connection.client, loaded, { now: connection.now }), format);
    }),
  );
}

async function run(
  program: Command,
  flags: ShowFlags,
  body: (connection: Awaited<ReturnType<typeof connect>>, format: ViewFormat) => Promise<string>,
): Promise<void> {
  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    const format = parseFormat(flags.format);
    connection = await connect(flags);
    process.stdout.write(await body(connection, format));
    process.exitCode = ExitCode.success;
  } catch (error) {
    reportCommandError(error, wantsJson(program) || flags.format === "json");
  } finally {
    await connection?.close();
  }
}

function usage(message: string, hint: string): CspctlError {
  return new CspctlError({ code: "cli.usage", message, hint });
}

function parseFormat(text: string | undefined): ViewFormat {
  if (text === undefined) return "text";
  if ((VIEW_FORMATS as readonly string[]).includes(text)) return text as ViewFormat;
  throw usage(`--format ${text}: not a view format`, `use one of ${VIEW_FORMATS.join(", ")}`);
}

export function parseTabs(values: readonly string[] | undefined): CustomerTab[] {
  if (values === undefined || values.length === 0) return [...CUSTOMER_TABS];
  const tabs = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  for (const tab of tabs)
    if (!(CUSTOMER_TABS as readonly string[]).includes(tab))
      throw usage(`--tab ${tab}: no such tab`, `use one or more of ${CUSTOMER_TABS.join(", ")}`);
  return tabs as CustomerTab[];
}

export function parseSince(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at)) throw usage(`--since ${text}: expected a date such as 2026-11-01`, "--since 2026-11-01");
  return new Date(at);
}
