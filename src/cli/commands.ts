import type { CommandRegistrar } from './command-context.js';
import { registerSandbox } from './sandbox.js';

/** Every sub-command, in the order `lmi --help` lists them. One file per command registers it. */
export const COMMANDS: CommandRegistrar[] = [registerSandbox];
