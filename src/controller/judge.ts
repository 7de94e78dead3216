import { estimateCost } from '../guardrails/cost.js';
import { readEc2Facts } from '../guardrails/ec2-facts.js';
import { evaluateGuardrails } from '../guardrails/evaluate.js';
import type { LiveState } from '../kinds/live-state.js';
import { ownershipOf } from '../kinds/ownership.js';
import type { Logger } from '../logging/logger.js';
import type { PlanJudge } from './prepare-plan.js';

/**
 * The judge plan, apply and the daemon use: reads the EC2 facts the declared providers reference
 * (a few paged Describe calls), evaluates every Guardrail against the plan and adds the monthly
 * cost ceilings. Throws TerminalError or RetryableError when EC2 cannot be read.
 */
export function createPlanJudge(logger: Logger, controllerId: string): PlanJudge {
  return async (plan, { desired, live, clients }) => {
    const facts =
      desired.capacityProviders.length > 0
        ? await readEc2Facts(clients, desired, { logger })
        : undefined;
    const liveMaxVCpu = ownedMaxVCpu(live, controllerId);
    const violations = evaluateGuardrails({
      desired,
      plan,
      liveMaxVCpu,
      region: plan.region,
      ...(facts ? { facts } : {}),
    });
    const estimate = estimateCost(desired, liveMaxVCpu, plan.region);
    const cost = estimate.lines.map(({ name, liveMonthlyUsd, desiredMonthlyUsd }) => ({
      name,
      liveMonthlyUsd,
      desiredMonthlyUsd,
    }));
    return { ...plan, violations, cost };
  };
}

function ownedMaxVCpu(live: LiveState, controllerId: string): Map<string, number> {
  const ceilings = new Map<string, number>();
  for (const provider of live.capacityProviders.values()) {
    if (ownershipOf(provider.tags, controllerId) !== 'ours') continue;
    const max = provider.config.CapacityProviderScalingConfig?.MaxVCpuCount;
    if (max !== undefined) ceilings.set(provider.name, max);
  }
  return ceilings;
}
