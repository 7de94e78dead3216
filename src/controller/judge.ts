import type { Logger } from '../logging/logger.js';
import type { PlanJudge } from './prepare-plan.js';

/**
 * The guardrail judge every command uses: evaluates the Guardrail manifests against the plan and
 * the EC2 facts, and adds the cost estimate.
 */
export function createPlanJudge(logger: Logger): PlanJudge {
  return (plan) => {
    logger.debug({ changes: plan.changes.length }, 'no guardrails evaluated yet');
    return Promise.resolve(plan);
  };
}
