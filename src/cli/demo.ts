import type { Command } from 'commander';
import { createAwsClients, destroyClients, type AwsClients } from '../aws/clients.js';
import { applyPlan } from '../apply/executor.js';
import { streamProgress } from '../apply/progress.js';
import { applySucceeded, renderApplySummary } from '../apply/summary.js';
import { startEmbeddedSandbox } from '../controller/embedded-sandbox.js';
import { createPlanJudge } from '../controller/judge.js';
import { preparePlan } from '../controller/prepare-plan.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { formatProblem } from '../manifests/index.js';
import { hasChanges, renderText, summaryLine, wantsColor } from '../plan/render/index.js';
import type { CommandContext, CommandRegistrar } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { globalsOf } from './global-options.js';

/** Sandbox delays for the demo: every wait shows, and the whole run takes seconds. */
const DEMO_TIMING = {
  providerActivationMs: 1500,
  providerDeletionMs: 500,
  functionActivationMs: 300,
  functionUpdateMs: 300,
  publishMs: 1200,
  functionDeletionMs: 300,
};

/**
 * `lmi demo [paths...]` (what `npm start` runs): starts the embedded sandbox, validates and plans
 * the manifests, applies with progress, plans again to show nothing is left to do, and prints the
 * sandbox's call counts. Exit 0 when the second plan is empty, 1 otherwise.
 */
export const registerDemo: CommandRegistrar = (context) => {
  context.program
    .command('demo')
    .description('run validate, plan, apply and plan again against the embedded sandbox')
    .argument('[paths...]', 'manifest files or folders', ['manifests/examples'])
    .action(async (paths: string[], _options: unknown, command: Command) => {
      await context.run(async () => {
        const globals = globalsOf(command);
        const logger = createLogger({ level: 'warn', format: globals.logFormat });
        const { sandbox, target } = await startEmbeddedSandbox({ timing: DEMO_TIMING });
        const clients = createAwsClients(target, { apiShare: 0.5, logger });
        try {
          context.stdout.write(`sandbox listening on ${sandbox.url}\n\n`);
          const code = await runDemo(context, paths, globals.controllerId, clients, logger);
          const stats = sandbox.stats();
          context.stdout.write(`\nsandbox calls per quota pool: ${JSON.stringify(stats.pools)}\n`);
          context.stdout.write(
            `throttled calls: ${stats.throttled}; writes: ${stats.writes}; ` +
              `writes during an update: ${stats.writesDuringUpdate}\n`,
          );
          return code;
        } finally {
          destroyClients(clients);
          await sandbox.close();
        }
      });
    });
};

async function runDemo(
  context: CommandContext,
  paths: string[],
  controllerId: string,
  clients: AwsClients,
  logger: Logger,
): Promise<number> {
  const out = (text: string) => context.stdout.write(text);
  const color = wantsColor(process.stdout, process.env);
  const plan = () =>
    preparePlan({
      paths,
      controllerId,
      clients,
      logger,
      judge: createPlanJudge(logger, controllerId),
    });

  out(`== validate and plan ${paths.join(' ')}\n`);
  const first = await plan();
  if (!first.plan || !first.desired || !first.live || !first.code) {
    for (const problem of first.problems) context.stderr.write(`${formatProblem(problem)}\n`);
    return ExitCode.Error;
  }
  out(renderText(first.plan, { color }));
  if (first.plan.errors.length > 0) return ExitCode.Error;
  if (first.plan.violations.some((v) => v.enforcement === 'Block')) {
    out('\nblocked by a guardrail: nothing was applied\n');
    return ExitCode.Blocked;
  }

  out('\n== apply\n');
  const packages = first.code.packages;
  const stderr = context.stderr as NodeJS.WriteStream;
  const result = await applyPlan(first.plan, {
    clients,
    logger,
    controllerId,
    desired: first.desired,
    live: first.live,
    codePackage: (name) => Promise.resolve(packages.get(name)),
    progress: streamProgress(context.stderr, stderr.isTTY === true),
  });
  if (stderr.isTTY) context.stderr.write('\r\u001b[2K');
  out(renderApplySummary(result));

  out('\n== plan again\n');
  const second = await plan();
  if (!second.plan) return ExitCode.Error;
  out(
    hasChanges(second.plan) ? renderText(second.plan, { color }) : `${summaryLine(second.plan)}\n`,
  );
  return applySucceeded(result) && !hasChanges(second.plan) ? ExitCode.Ok : ExitCode.Error;
}
