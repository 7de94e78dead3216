import type { AwsClients } from '../aws/clients.js';
import type { LiveState } from '../kinds/live-state.js';
import type { Logger } from '../logging/logger.js';
import { loadManifests } from '../manifests/index.js';
import type { DesiredState, ManifestProblem } from '../manifests/types.js';
import { makePlan } from '../plan/make-plan.js';
import type { Plan } from '../plan/types.js';
import { buildCodeCatalog, type CodeCatalog } from './code-hashes.js';
import { readLiveState, type LiveCaches } from './read-live.js';

/** Options of `preparePlan`. */
export interface PreparePlanOptions {
  paths: string[];
  controllerId: string;
  clients: AwsClients;
  logger: Logger;
  revision?: string;
  /** Between-pass caches of the daemon; absent for one-shot commands (everything read fresh). */
  caches?: LiveCaches;
  /** The desired state to use when the manifests are invalid now (the daemon's last good one). */
  fallbackDesired?: DesiredState;
  /** Adds guardrail violations and cost lines to a fresh plan (reads EC2 facts as needed). */
  judge?: PlanJudge;
}

/** Adds policy results to a plan: violations and cost lines. */
export type PlanJudge = (
  plan: Plan,
  context: { desired: DesiredState; live: LiveState; clients: AwsClients },
) => Promise<Plan>;

/** A plan and everything it was made from, for rendering and applying. */
export interface PreparedPlan {
  problems: ManifestProblem[];
  /** Absent when the manifests are invalid and no fallback was given. */
  desired?: DesiredState;
  live?: LiveState;
  plan?: Plan;
  code?: CodeCatalog;
}

/**
 * Loads the manifests, reads the live state they need, builds code packages and makes the plan.
 * Invalid manifests stop here with their problems (and no AWS call) unless a fallback desired state
 * is given. Throws TerminalError or RetryableError when AWS cannot be read.
 */
export async function preparePlan(options: PreparePlanOptions): Promise<PreparedPlan> {
  const loaded = await loadManifests(options.paths);
  const desired = loaded.problems.length === 0 ? loaded.desired : options.fallbackDesired;
  if (!desired) return { problems: loaded.problems };

  const code = await buildCodeCatalog(desired.functions);
  const live = await readLiveState(options.clients, desired, {
    logger: options.logger,
    ...(options.caches ? { caches: options.caches } : {}),
  });
  let plan = makePlan({
    desired,
    live,
    controllerId: options.controllerId,
    region: options.clients.region,
    paths: options.paths,
    ...(options.revision ? { revision: options.revision } : {}),
    createdAt: new Date(),
    codeHashes: code.hashes,
  });
  if (options.judge) plan = await options.judge(plan, { desired, live, clients: options.clients });
  return { problems: loaded.problems, desired, live, plan, code };
}
