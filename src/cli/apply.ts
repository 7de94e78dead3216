import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { applyPlan } from '../apply/executor.js';
import { streamProgress } from '../apply/progress.js';
import {
  applySucceeded,
  deletesEverything,
  renderApplySummary,
  staleResources,
} from '../apply/summary.js';
import type { PreparedPlan } from '../controller/prepare-plan.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { formatProblem } from '../manifests/index.js';
import { parsePlan } from '../plan/plan-json.js';
import { hasChanges, renderText, wantsColor } from '../plan/render/index.js';
import type { Plan } from '../plan/types.js';
import type { AwsSession } from './aws-session.js';
import type { CommandContext, CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';
import { withPreparedPlan } from './with-plan.js';

interface ApplyOptions {
  plan?: string;
  yes: boolean;
  allowEmpty: boolean;
  apiBudget: string;
}

/**
 * `lmi apply <paths...>`: plans, checks the plan may be applied (guardrails, a saved plan still
 * current, no wipe-out), asks unless --yes, applies, and prints a summary. Exit 0 when everything
 * applied, 1 on any failure or refusal, 3 when a blocking guardrail stops it.
 */
export const registerApply: CommandRegistrar = (context) => {
  context.program
    .command('apply')
    .description('change AWS to match the manifests')
    .argument('<paths...>', 'manifest files or folders')
    .option('--plan <file>', 'apply this saved JSON plan; refused when live state changed since')
    .option('--yes', 'apply without asking', false)
    .option('--allow-empty', 'allow a plan that deletes every owned resource', false)
    .option('--api-budget <percent>', 'share of each AWS API quota to use', '50')
    .action(async (paths: string[], options: ApplyOptions, command: Command) => {
      await context.run(async () => {
        const globals = globalsOf(command);
        const logger = createLogger({ level: globals.logLevel, format: globals.logFormat });
        return withPreparedPlan(
          globals,
          { paths, apiBudget: options.apiBudget, logger },
          (prepared, session) => applyPrepared(context, session, prepared, options, logger),
        );
      });
    });
};

async function applyPrepared(
  context: CommandContext,
  session: AwsSession,
  prepared: PreparedPlan,
  options: ApplyOptions,
  logger: Logger,
): Promise<number> {
  const { plan, desired, live, code } = prepared;
  if (!plan || !desired || !live || !code) {
    for (const problem of prepared.problems) context.stderr.write(`${formatProblem(problem)}\n`);
    return ExitCode.Error;
  }
  const refusal = await refusalOf(plan, options);
  if (refusal) {
    context.stderr.write(renderText(plan, { color: false }));
    context.stderr.write(`error: ${refusal.message}\n`);
    return refusal.code;
  }
  if (!hasChanges(plan)) {
    context.stdout.write('No changes. Live state matches the manifests.\n');
    return ExitCode.Ok;
  }
  if (!options.yes && !(await confirmed(context, plan))) return ExitCode.Error;

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const stderr = context.stderr as NodeJS.WriteStream;
    const result = await applyPlan(plan, {
      clients: session.clients,
      logger,
      controllerId: plan.controllerId,
      desired,
      live,
      codePackage: (name) => Promise.resolve(code.packages.get(name)),
      progress: streamProgress(context.stderr, stderr.isTTY === true),
      signal: controller.signal,
    });
    if (stderr.isTTY) context.stderr.write('\r\u001b[2K');
    context.stdout.write(renderApplySummary(result));
    return applySucceeded(result) ? ExitCode.Ok : ExitCode.Error;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

async function refusalOf(
  plan: Plan,
  options: ApplyOptions,
): Promise<{ code: number; message: string } | undefined> {
  if (plan.errors.length > 0) {
    return { code: ExitCode.Error, message: 'the plan has errors; nothing was changed' };
  }
  if (plan.violations.some((v) => v.enforcement === 'Block')) {
    return {
      code: ExitCode.Blocked,
      message: 'a blocking guardrail is violated; nothing was changed',
    };
  }
  if (options.plan) {
    const saved = parsePlan(await readFile(options.plan, 'utf8'));
    const stale = staleResources(saved, plan);
    const desiredMoved = saved.fingerprints.desired !== plan.fingerprints.desired;
    if (stale.length > 0 || desiredMoved) {
      const reasons = [
        ...(desiredMoved ? ['the manifests changed'] : []),
        ...(stale.length > 0 ? [`live state changed for ${listSome(stale, 10)}`] : []),
      ];
      return {
        code: ExitCode.Error,
        message: `the saved plan ${options.plan} is stale: ${reasons.join('; ')}; plan again`,
      };
    }
  }
  if (!options.allowEmpty && deletesEverything(plan)) {
    return {
      code: ExitCode.Error,
      message:
        'the plan deletes every resource this controller owns (an empty or mistyped path?); ' +
        'pass --allow-empty if that is intended',
    };
  }
  return undefined;
}

async function confirmed(context: CommandContext, plan: Plan): Promise<boolean> {
  context.stdout.write(renderText(plan, { color: wantsColor(process.stdout, process.env) }));
  if (!process.stdin.isTTY) {
    context.stderr.write('error: refusing to apply without --yes: stdin is not a terminal\n');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question('Apply these changes? Only "yes" is accepted: ');
    if (answer.trim() === 'yes') return true;
    context.stderr.write('apply cancelled\n');
    return false;
  } finally {
    prompt.close();
  }
}

/** The first `max` items joined, and how many more there are. */
function listSome(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
