import type { Command } from "commander";
import { register as registerValidate } from "./validate.js";
import { register as registerEmulator } from "./emulator.js";
import { register as registerPlan } from "./plan.js";
import { register as registerApply } from "./apply.js";
import { register as registerDemo } from "./demo.js";
import { register as registerDrift } from "./drift.js";
import { register as registerImport } from "./import.js";
import { register as registerForceUnlock } from "./force-unlock.js";
import { register as registerShow } from "./show.js";

/** Each command module exports `register(program)`; add one line per command. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerValidate,
  registerEmulator,
  registerPlan,
  registerApply,
  registerDemo,
  registerDrift,
  registerImport,
  registerForceUnlock,
  registerShow,
];
