import type { CommandRegistrar } from './command-context.js';
import { registerApply } from './apply.js';
import { registerDemo } from './demo.js';
import { registerPlan } from './plan.js';
import { registerSandbox } from './sandbox.js';
import { registerValidate } from './validate.js';

/** Every sub-command, in the order `lmi --help` lists them. One file per command registers it. */
export const COMMANDS: CommandRegistrar[] = [
  registerValidate,
  registerPlan,
  registerApply,
  registerSandbox,
  registerDemo,
];
