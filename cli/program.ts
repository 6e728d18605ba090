// The commander program: every command registered, nothing run. The CLI's entry point parses with it;
// the generated CLI reference (docs/reference/cli.md) is rendered from it.
import { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { commands } from "./commands/index.js";

// dist/cli/ when built, cli/ when a test imports the source.
const packageJson = [new URL("../package.json", import.meta.url), new URL("../../package.json", import.meta.url)].find((url) => existsSync(url))!;
const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };

export function buildProgram(): Command {
  const program = new Command("cspctl")
    .description("A Microsoft CSP partner's estate as code: validate, plan, apply and detect drift.")
    .version(version)
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  return program;
}
