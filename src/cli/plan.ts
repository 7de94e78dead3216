import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { createLogger } from '../logging/logger.js';
import { formatProblem } from '../manifests/index.js';
import {
  hasChanges,
  isPlanFormat,
  renderPlan,
  summaryLine,
  wantsColor,
} from '../plan/render/index.js';
import type { Plan } from '../plan/types.js';
import type { CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';
import { withPreparedPlan } from './with-plan.js';

interface PlanOptions {
  format: string;
  out?: string;
  detailedExitcode: boolean;
  apiBudget: string;
}

/**
 * The exit code of a plan: 1 when it has errors, 3 when a blocking guardrail is violated, 2 when it
 * has changes and `detailed` is set, else 0.
 */
export function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.errors.length > 0) return ExitCode.Error;
  if (plan.violations.some((v) => v.enforcement === 'Block')) return ExitCode.Blocked;
  return detailed && hasChanges(plan) ? ExitCode.Changes : ExitCode.Ok;
}

/**
 * `lmi plan <paths...>`: reads live state, diffs it against the manifests and prints the plan.
 * Changes nothing in AWS. Invalid manifests exit 1 with located errors and make no AWS call.
 */
export const registerPlan: CommandRegistrar = (context) => {
  context.program
    .command('plan')
    .description('show what apply would change, without changing anything')
    .argument('<paths...>', 'manifest files or folders')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'markdown', 'json'])
        .default('text'),
    )
    .option('--out <file>', 'write the plan to this file instead of stdout')
    .option('--detailed-exitcode', 'exit 2 when the plan has changes', false)
    .option('--api-budget <percent>', 'share of each AWS API quota to use', '50')
    .action(async (paths: string[], options: PlanOptions, command: Command) => {
      await context.run(async () => {
        const globals = globalsOf(command);
        const logger = createLogger({ level: globals.logLevel, format: globals.logFormat });
        const format = isPlanFormat(options.format) ? options.format : 'text';
        const request = { paths, apiBudget: options.apiBudget, logger };
        return withPreparedPlan(globals, request, async (prepared) => {
          if (!prepared.plan) {
            for (const problem of prepared.problems)
              context.stderr.write(`${formatProblem(problem)}\n`);
            return ExitCode.Error;
          }
          const plan = prepared.plan;
          const color = !options.out && wantsColor(process.stdout, process.env);
          const rendered = renderPlan(plan, format, { color });
          if (options.out) {
            await writeFile(options.out, rendered);
            context.stdout.write(`${summaryLine(plan)}\nplan written to ${options.out}\n`);
          } else {
            context.stdout.write(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
          }
          return planExitCode(plan, options.detailedExitcode);
        });
      });
    });
};
