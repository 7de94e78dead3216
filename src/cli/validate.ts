import type { Command } from 'commander';
import { createLogger } from '../logging/logger.js';
import { formatProblem, loadManifests, type DesiredState } from '../manifests/index.js';
import type { CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';

/**
 * `lmi validate <paths...>`: loads and checks the manifests without calling AWS. Exit 0 with a
 * one-line summary on stdout when valid; exit 1 with every problem on stderr, one per line as
 * `file:line:col: message`, and nothing on stdout, when not.
 */
export const registerValidate: CommandRegistrar = (context) => {
  context.program
    .command('validate')
    .description('check manifests against the schemas and each other, without calling AWS')
    .argument('<paths...>', 'manifest files or folders (searched recursively for *.yaml, *.yml)')
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await context.run(async () => {
        const globals = globalsOf(command);
        const logger = createLogger({ level: globals.logLevel, format: globals.logFormat });
        const { desired, problems } = await loadManifests(paths);
        logger.debug(
          { files: desired.files.length, problems: problems.length },
          'manifests loaded',
        );

        if (problems.length > 0) {
          for (const problem of problems) context.stderr.write(`${formatProblem(problem)}\n`);
          return ExitCode.Error;
        }
        context.stdout.write(`${summary(desired)}\n`);
        return ExitCode.Ok;
      });
    });
};

function summary(desired: DesiredState): string {
  const files = desired.files.length;
  return (
    `valid: ${desired.capacityProviders.length} CapacityProvider, ${desired.functions.length} ` +
    `Function, ${desired.guardrails.length} Guardrail in ${files} file${files === 1 ? '' : 's'}`
  );
}
