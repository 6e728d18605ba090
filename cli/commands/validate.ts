// `cspctl validate <paths...> [--json]`: exit 0 when the estate is valid (warnings allowed), 1 otherwise.
import type { Command } from "commander";
import { loadEstate } from "../../reconciler/index.js";
import { ExitCode } from "../exit-codes.js";
import { renderValidationReport } from "../../reconciler/render/diagnostics/diagnostics-human.js";
import { renderValidationJson } from "../../reconciler/render/diagnostics/diagnostics-json.js";
import {
  commandProblemReport,
  toValidationReport,
  type ValidationReport,
} from "../../reconciler/render/diagnostics/validation-report.js";
import { flag } from "../flags.js";

export function register(program: Command): void {
  // The view is chosen from the raw arguments before commander checks them, so a usage error honours --json.
  const wantsJson = (): boolean =>
    ((program as unknown as { rawArgs?: string[] }).rawArgs ?? process.argv).slice(2).includes("--json");
  const print = (report: ValidationReport): void => {
    process.stdout.write(wantsJson() ? renderValidationJson(report) : renderValidationReport(report));
  };

  program
    .command("validate")
    .description("Check an estate (files or folders of YAML) and print every problem, compiler style.")
    .argument("<paths...>", "estate files or folders (read recursively, .yaml/.yml, sorted)")
    .addOption(flag("json"))
    .configureOutput({
      outputError: (message, write) => {
        if (wantsJson())
          print(
            commandProblemReport("cli.usage", message.replace(/^error: /, "").trim(), "run cspctl validate --help"),
          );
        else write(message);
      },
      writeErr: (text) => {
        if (!wantsJson()) process.stderr.write(text);
      },
    })
    .action(async (paths: string[]) => {
      try {
        const report = toValidationReport(await loadEstate(paths));
        print(report);
        process.exitCode = report.valid ? ExitCode.success : ExitCode.error;
      } catch (error) {
        // never a stack trace: name the failure and how to report it
        const message = error instanceof Error ? error.message : String(error);
        print(
          commandProblemReport(
            "cli.internal_error",
            `validate failed: ${message}`,
            "this is a bug in cspctl; please report it with the estate that triggers it",
          ),
        );
        process.exitCode = ExitCode.error;
      }
    });
}
