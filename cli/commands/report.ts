// `cspctl report PATHS… --out DIR`: the static estate dashboard (docs/dashboard.md). One drift run
// for the overview, then each customer's tabs; written as plain files under DIR only. Exit 0, or 1
// on an error.
import { CspctlError } from "../../core/errors.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { readInvitationLog } from "../../reconciler/apply/invitation-log.js";
import { renderDashboard } from "../../reconciler/render/dashboard/dashboard-html.js";
import { readDashboard } from "../../reconciler/views/dashboard-data.js";
import { connect } from "../connection.js";
import { loadValidEstate } from "../estate-input.js";
import { ExitCode } from "../exit-codes.js";
import { masked } from "../output-mask.js";
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
import { createProgress } from "../progress.js";
import { reportCommandError } from "../errors.js";
import { invitationLogPath } from "./apply.js";

interface ReportFlags extends SelectionFlags, ConnectionFlags {
  out?: string[];
}

export function register(program: Command): void {
  const command = program
    .command("report")
    .description("Write the estate dashboard: a static, self-contained site (index.html and one page per customer).")
    .argument("<paths...>", "estate files or folders");
  withFlags(command, ["out"]);
  addSelectionOptions(command);
  addConnectionOptions(command);
  command.action(async (paths: string[], flags: ReportFlags) => {
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      const out = onlyOne(flags.out, "--out");
      if (out === undefined)
        throw new CspctlError({
          code: "cli.usage",
          message: "cspctl report needs --out DIR: the folder to write the site into (created if missing)",
          hint: "cspctl report examples/estate --out site",
        });
      const estate = await loadValidEstate(paths);
      const selection = toSelection(flags);
      connection = await connect(flags);
      const progress = createProgress();
      const data = await readDashboard(connection.client, estate, {
        selection,
        all: flags.all === true,
        now: connection.now,
        invitations: readInvitationLog(invitationLogPath(connection)),
        onCustomerRead: (name, done, total) => progress.update(`read ${done}/${total} customers (${name})`),
        onCustomerView: (name, done, total) => progress.update(`tabs ${done}/${total} customers (${name})`),
      });
      progress.done();
      const site = renderDashboard(masked(data));
      for (const [path, html] of site) {
        const file = join(out, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, html);
      }
      process.stderr.write(`wrote ${site.size} page(s) to ${join(out, "index.html")}\n`);
      process.exitCode = ExitCode.success;
    } catch (error) {
      reportCommandError(error, wantsJson(program));
    } finally {
      await connection?.close();
    }
  });
}
