import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.js';
import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { addGlobalOptions } from './global-options.js';

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** Streams the CLI writes to; tests replace them. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Runs the `lmi` command line and resolves to the process exit code. It never calls process.exit,
 * so in-flight work (sandbox servers, loggers) can close on its own.
 */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = addGlobalOptions(new Command('lmi'))
    .description('Manage AWS Lambda Managed Instances from declarative YAML manifests.')
    .version(packageJson.version)
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();

  const context: CommandContext = {
    program,
    stdout: io.stdout,
    stderr: io.stderr,
    async run(body) {
      try {
        exitCode = await body();
      } catch (error) {
        io.stderr.write(`error: ${describe(error)}\n`);
        exitCode = ExitCode.Error;
      }
    },
  };
  for (const register of COMMANDS) register(context);

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Error;
    }
    throw error;
  }
  return exitCode;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
