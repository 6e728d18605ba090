#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { buildProgram } from "./program.js";

/** Runs one command line and returns its exit code (also left in process.exitCode); never exits the process. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.success : ExitCode.error;
    } else {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.error;
    }
  }
  return Number(process.exitCode ?? ExitCode.success);
}

/** Started as the program itself (node dist/cli/main.js, the npm bin link), not imported (tests run main in-process). */
function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main(process.argv);
