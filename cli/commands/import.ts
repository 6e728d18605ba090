// `cspctl import [--tenant DOMAIN|TENANT_ID]... [--all-customers] --out DIR`: write what Partner Center holds
// as estate YAML, one file per customer. Existing files are never overwritten without --force.
import { existsSync, mkdirSync } from "node:fs";
import { writePrivateFile } from "../../core/private-files.js";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { CspctlError } from "../../core/errors.js";
import { importEstate } from "../../reconciler/import/import-estate.js";
import { connect } from "../connection.js";
import { ExitCode, exitCodeHelp } from "../exit-codes.js";
import { addConnectionOptions, onlyOne, wantsJson, type ConnectionFlags } from "../options.js";
import { withFlags } from "../flags.js";
import { reportCommandError } from "../errors.js";
import { renderImportReport } from "../../reconciler/render/import/import-report.js";

interface ImportFlags extends ConnectionFlags {
  tenant?: string[];
  allCustomers?: boolean;
  out?: string[];
  force?: boolean;
  passwordPlaceholders?: boolean;
  json?: boolean;
}

const SCHEMA = fileURLToPath(new URL("../../../schemas/estate.schema.json", import.meta.url));

export function register(program: Command): void {
  const command = program
    .command("import")
    .description("Write customers as they are in Partner Center as estate YAML (one file per customer).")
    .addHelpText("after", exitCodeHelp("import"));
  withFlags(command, ["tenant", "allCustomers", "out", "force", "passwordPlaceholders", "json"]);
  addConnectionOptions(command);
  command.action(async (flags: ImportFlags) => {
    const json = wantsJson(program);
    let connection: Awaited<ReturnType<typeof connect>> | undefined;
    try {
      const out = onlyOne(flags.out, "--out");
      if (!out)
        throw new CspctlError({
          code: "cli.usage",
          message: "--out DIR is required",
          hint: "cspctl import --tenant contoso.onmicrosoft.com --out estate/customers",
        });
      connection = await connect(flags);
      const files = await importEstate(connection.client, {
        customers: flags.tenant ?? [],
        all: flags.allCustomers === true,
        passwordPlaceholders: flags.passwordPlaceholders === true,
        schemaRef: relative(out, SCHEMA).split(sep).join("/"),
      });
      const paths = files.map((f) => join(out, `${f.name}.yaml`));
      const existing = paths.filter((p) => existsSync(p));
      if (existing.length > 0 && !flags.force)
        throw new CspctlError({
          code: "cli.usage",
          message: `would overwrite ${existing.join(", ")}`,
          hint: "choose an empty --out folder, or add --force",
        });
      // the folder is estate, meant for Git (no .gitignore), but holds customers' personal data: 0700, files 0600
      mkdirSync(out, { recursive: true, mode: 0o700 });
      for (const [i, f] of files.entries()) writePrivateFile(paths[i]!, f.yaml);
      const written = files.map((f, i) => ({ name: f.name, domain: f.domain, file: paths[i]!, notes: f.notes }));
      process.stdout.write(renderImportReport(written, json));
      process.exitCode = ExitCode.success;
    } catch (error) {
      reportCommandError(error, json);
    } finally {
      await connection?.close();
    }
  });
}
