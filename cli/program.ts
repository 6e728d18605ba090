// The commander program: every command registered, nothing run. The CLI's entry point parses with it;
// the generated CLI reference (docs/reference/cli.md) is rendered from it.
import { Command } from "commander";
import { cspctlVersion } from "../client/version.js";
import { commands } from "./commands/index.js";

export function buildProgram(): Command {
  const program = new Command("cspctl")
    .description("A Microsoft CSP partner's estate as code: validate, plan, apply and detect drift.")
    .version(cspctlVersion)
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}
