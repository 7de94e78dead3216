import type { CommandRegistrar } from './command-context.js';
import { registerRun } from './run.js';
import { registerStatus } from './status.js';

/** Every sub-command, in the order `lmi --help` lists them. One file per command registers it. */
export const COMMANDS: CommandRegistrar[] = [registerRun, registerStatus];
