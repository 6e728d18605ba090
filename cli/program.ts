// The commander program: every command registered, nothing run. The CLI's entry point parses with it;
// the generated CLI reference (docs/reference/cli.md) is rendered from it.
import { Command } from "commander";
import { cspctlVersion } from "../client/version.js";
import { CspctlError } from "../core/errors.js";
import { commands } from "./commands/index.js";
import { wantsJson } from "./options.js";
import { reportCommandError } from "./errors.js";

export function buildProgram(): Command {
  const program = new Command("cspctl")
    .description("A Microsoft CSP partner's estate as code: validate, plan, apply and detect drift.")
    .version(cspctlVersion)
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  // A flag commander refuses (a bad number or choice) is a cli.usage error like any other, as JSON under --json.
  for (const command of program.commands)
    if (command.name() !== "validate")
      command.configureOutput({
        outputError: (message) => {
          const text = message.replace(/^error: /, "").trim();
          const error = new CspctlError({
            code: "cli.usage",
            message: text,
            hint: `run cspctl ${command.name()} --help`,
          });
          reportCommandError(error, wantsJson(program));
        },
      });
  return program;
}
