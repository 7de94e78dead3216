import type { Command } from 'commander';
import { Option } from 'commander';

/** Options every command shares, as commander parses them from the root program. */
export interface GlobalOptions {
  endpoint?: string;
  region?: string;
  sandbox: boolean;
  controllerId: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: 'json' | 'pretty';
}

/** Declares the shared options on the root program; commands read them with `globalsOf`. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--endpoint <url>', 'AWS endpoint to call instead of the regional one')
    .option('--region <region>', 'AWS region (default: AWS_REGION, or the sandbox region)')
    .option('--sandbox', 'start the embedded sandbox on a free loopback port and use it', false)
    .option(
      '--controller-id <id>',
      'ownership id written to the lmi:managed-by tag',
      'lmi-controller',
    )
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .addOption(
      new Option('--log-format <format>', 'log format on stderr')
        .choices(['json', 'pretty'])
        .default('json'),
    );
}

/** Reads the shared options of the root program from inside a sub-command's action. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
