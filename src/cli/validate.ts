import type { Command } from 'commander';
import { evaluateGuardrails } from '../guardrails/evaluate.js';
import { createLogger } from '../logging/logger.js';
import { formatProblem, loadManifests, type DesiredState } from '../manifests/index.js';
import type { Violation } from '../plan/types.js';
import type { CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';

/**
 * `lmi validate <paths...>`: loads and checks the manifests without calling AWS, then the guardrail
 * rules that need no live facts. Exit 0 with a one-line summary on stdout when valid (Warn
 * violations on stderr); exit 1 with every problem on stderr, one per line as
 * `file:line:col: message`, and nothing on stdout, when not (or when no manifest was found);
 * exit 3 when a Block guardrail is violated.
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
        if (desired.files.length === 0) {
          context.stderr.write(`${paths.join(', ')}: no *.yaml or *.yml manifests found\n`);
          return ExitCode.Error;
        }

        // Guardrail rules that need no live facts (EC2, AWS state) are enforced here already.
        const violations = evaluateGuardrails({ desired, plan: { changes: [] } });
        for (const violation of violations) context.stderr.write(`${formatViolation(violation)}\n`);
        if (violations.some((v) => v.enforcement === 'Block')) return ExitCode.Blocked;
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

/**
 * One violation on one line: `file:line:col: [Block] guardrail g: kind name: rule: found; allowed`.
 */
function formatViolation(v: Violation): string {
  const where = v.location ? `${v.location.file}:${v.location.line}:${v.location.column}: ` : '';
  return (
    `${where}[${v.enforcement}] guardrail ${v.guardrail}: ${v.kind} ${v.name}: ${v.rule}: ` +
    `found ${v.found}; allowed ${v.allowed}`
  );
}
