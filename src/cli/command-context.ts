import type { Command } from 'commander';

/** What a command file gets to register itself: the root program and where its exit code goes. */
export interface CommandContext {
  program: Command;
  /** Runs a command body and records the exit code it returns (or 1 when it throws). */
  run(body: () => Promise<number>): Promise<void>;
  /** Streams for command output; tests pass their own. */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A command file's export: adds one sub-command to the program. */
export type CommandRegistrar = (context: CommandContext) => void;
