// `cspctl billing <paths...>`: the billing report partners bill from (docs/billing.md): one section
// per billing cycle in --period or --from/--to, grouped customer → subscription → line items with
// cost, resale and margin, and a reconciliation against the estate.
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { once } from "node:events";
import { ensurePrivateDir, writePrivateFile, writePrivateFileFrom } from "../../core/private-files.js";
import { readBillingReport, readBillingSources } from "../../reconciler/billing/read-billing.js";
import { selectCustomers } from "../../reconciler/plan-estate.js";
import { connect } from "../connection.js";
import { loadValidEstate } from "../estate-input.js";
import {
  addConnectionOptions,
  addSelectionOptions,
  type ConnectionFlags,
  onlyOne,
  type SelectionFlags,
  toSelection,
  wantsJson,
} from "../options.js";
import { withFlags } from "../flags.js";
import {
  STREAMED_FORMATS,
  type StreamedFormat,
  streamBilling,
} from "../../reconciler/render/billing/billing-stream.js";
import { BILLING_FORMATS, type BillingFormat, renderBilling } from "../../reconciler/render/billing/render-billing.js";
import { reportCommandError } from "../errors.js";

interface BillingFlags extends SelectionFlags, ConnectionFlags {
  period?: string;
  from?: string;
  to?: string;
  format?: string[];
  out?: string[];
  json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command("billing")
    .description("The billing report: charges per billing cycle, customer and subscription, with resale and margin.")
    .argument("<paths...>", "estate files or folders");
  withFlags(command, ["period", "from", "to", "format", "out", "json"]);
  addSelectionOptions(command);
  addConnectionOptions(command);
  command.action(async (paths: string[], flags: BillingFlags) => {
    const json = wantsJson(program);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      const format = parseFormat(flags.json === true ? "json" : (onlyOne(flags.format, "--format") ?? "text"));
      const out = onlyOne(flags.out, "--out");
      const estate = await loadValidEstate(paths);
      const customers = selectCustomers(estate, toSelection(flags));
      connection = await connect(flags);
      const now = await connection.now();
      const months = parseMonths(flags, now);
      const read = { months, now: () => now };
      if (out !== undefined && !existsSync(dirname(out))) ensurePrivateDir(dirname(out));
      if (isStreamed(format)) {
        // streamed: each line is written as it arrives and kept by nobody
        const chunks = streamBilling(await readBillingSources(connection.client, customers, read), format);
        if (out === undefined) await writeChunks(process.stdout, chunks);
        else await writePrivateFileFrom(out, chunks);
      } else {
        const text = renderBilling(await readBillingReport(connection.client, customers, read), format);
        if (out === undefined) process.stdout.write(text);
        else writePrivateFile(out, text);
      }
    } catch (error) {
      reportCommandError(error, json);
    } finally {
      await connection?.close();
    }
  });
}

function parseFormat(text: string): BillingFormat {
  if ((BILLING_FORMATS as readonly string[]).includes(text)) return text as BillingFormat;
  throw usage(`--format ${text}: expected one of ${BILLING_FORMATS.join(", ")}`, "--format html --out billing.html");
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The months of --period, or --from … --to (at most 36), oldest first; default the current month. */
export function parseMonths(flags: { period?: string; from?: string; to?: string }, now: Date): string[] {
  const current = now.toISOString().slice(0, 7);
  if (flags.period !== undefined && (flags.from !== undefined || flags.to !== undefined))
    throw usage("--period cannot be combined with --from/--to", "--period 2026-11, or --from 2026-01 --to 2026-12");
  const first = flags.period ?? flags.from ?? (flags.to === undefined ? current : undefined);
  if (first === undefined) throw usage("--to needs --from", "--from 2026-01 --to 2026-12");
  const last = flags.period ?? flags.to ?? current;
  for (const [flag, value] of [
    ["--period/--from", first],
    ["--to", last],
  ] as const)
    if (!MONTH.test(value)) throw usage(`${flag} ${value}: expected a month as YYYY-MM`, "--period 2026-11");
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  for (;;) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    if (label > last) break;
    months.push(label);
    if (months.length > 36)
      throw usage(`${first} to ${last} is more than 36 billing cycles`, "ask for a shorter range");
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  if (months.length === 0) throw usage(`--from ${first} is after --to ${last}`, "--from 2026-01 --to 2026-12");
  return months;
}

const isStreamed = (format: BillingFormat): format is StreamedFormat =>
  (STREAMED_FORMATS as readonly string[]).includes(format);

/** Writes chunks to a stream as they come, waiting whenever it asks to (a slow pipe keeps no backlog). */
async function writeChunks(stream: NodeJS.WriteStream, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, "drain");
}

function usage(message: string, hint: string): CspctlError {
  return new CspctlError({ code: "cli.usage", message, hint });
}
