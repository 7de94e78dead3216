import type { AccountRules } from '../../manifests/generated/manifest-types.js';
import type { DesiredState, GuardrailManifest } from '../../manifests/types.js';
import type { Change } from '../../plan/types.js';
import { estimateCost } from '../cost.js';
import type { PriceTable } from '../prices.js';
import { maxVCpuOf } from '../provider-spec.js';
import { destructiveChanges } from './changes.js';
import { listOf, type Finding } from '../violation.js';

/** What the account rules look at: everything declared, plus what stays live. */
export interface AccountView {
  desired: DesiredState;
  changes: readonly Change[];
  /** Live maxVCpuCount of the providers this controller owns. */
  liveMaxVCpu: ReadonlyMap<string, number>;
  region: string;
  prices: PriceTable;
}

/**
 * The findings of a guardrail's `account` rules. Totals count every declared provider at its
 * declared (or default) ceiling, plus owned live providers that are not declared and that this plan
 * does not delete (retained, suspended). Pure apart from the price table read of `estimateCost`.
 */
export function checkAccount(
  rules: AccountRules,
  guardrail: GuardrailManifest,
  view: AccountView,
): Finding[] {
  return [...checkTotalVCpu(rules, guardrail, view), ...checkMonthlyCost(rules, guardrail, view)];
}

/** Owned live providers that are not declared and that remain after this plan. */
export function remainingUndeclared(view: Omit<AccountView, 'region' | 'prices'>): string[] {
  const declared = new Set(view.desired.capacityProviders.map((p) => p.metadata.name));
  const deleted = new Set(
    destructiveChanges(view.changes)
      .filter((change) => change.kind === 'CapacityProvider' && change.action === 'delete')
      .map((change) => change.name),
  );
  return [...view.liveMaxVCpu.keys()].filter((name) => !declared.has(name) && !deleted.has(name));
}

function checkTotalVCpu(
  rules: AccountRules,
  guardrail: GuardrailManifest,
  view: AccountView,
): Finding[] {
  const limit = rules.maxTotalVCpu;
  if (limit === undefined) return [];
  const parts = view.desired.capacityProviders.map(
    (p) => [p.metadata.name, maxVCpuOf(p.spec)] as const,
  );
  for (const name of remainingUndeclared(view)) {
    parts.push([`${name} (live, not declared)`, view.liveMaxVCpu.get(name) ?? 0]);
  }
  const total = parts.reduce((sum, [, vCpus]) => sum + vCpus, 0);
  if (total <= limit) return [];

  return [
    {
      kind: 'Account',
      name: 'all capacity providers',
      rule: 'account.maxTotalVCpu',
      found: `${total} vCPUs in all: ${listOf(parts.map(([name, vCpus]) => `${name} ${vCpus}`))}`,
      allowed: `at most ${limit} vCPUs across all capacity providers`,
      location: guardrail.source.locate(['spec', 'account', 'maxTotalVCpu']),
    },
  ];
}

function checkMonthlyCost(
  rules: AccountRules,
  guardrail: GuardrailManifest,
  view: AccountView,
): Finding[] {
  const limit = rules.maxMonthlyCostUsd;
  if (limit === undefined) return [];
  const live = new Map(view.liveMaxVCpu);
  const estimate = estimateCost(view.desired, live, view.region, view.prices);
  const remaining = new Set(remainingUndeclared(view));
  const parts = estimate.lines.flatMap((line) => {
    if (remaining.has(line.name)) return [[line.name, line.liveMonthlyUsd, line.family] as const];
    return line.desiredMonthlyUsd > 0
      ? [[line.name, line.desiredMonthlyUsd, line.family] as const]
      : [];
  });
  const total = Math.round(parts.reduce((sum, [, usd]) => sum + usd, 0) * 100) / 100;
  if (total <= limit) return [];

  const listed = parts.map(([name, usd, family]) => `${name} ${usd.toFixed(2)} (${family})`);
  return [
    {
      kind: 'Account',
      name: 'all capacity providers',
      rule: 'account.maxMonthlyCostUsd',
      found: `estimated ceiling ${total.toFixed(2)} USD per month: ${listOf(listed)}`,
      allowed: `at most ${limit} USD per month`,
      location: guardrail.source.locate(['spec', 'account', 'maxMonthlyCostUsd']),
    },
  ];
}
