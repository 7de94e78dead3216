import { registerApply } from './apply.js';
import type { CommandRegistrar } from './command-context.js';
import { registerDemo } from './demo.js';
import { registerPlan } from './plan.js';
import { registerRun } from './run.js';
import { registerSandbox } from './sandbox.js';
import { registerStatus } from './status.js';
import { registerValidate } from './validate.js';

/** Every sub-command, in the order `lmi --help` lists them. One file per command registers it. */
export const COMMANDS: CommandRegistrar[] = [
  registerValidate,
  registerPlan,
  registerApply,
  registerRun,
  registerStatus,
  registerSandbox,
  registerDemo,
];
