import type { DesiredState, GuardrailManifest } from '../manifests/types.js';
import type { Plan, Violation } from '../plan/types.js';
import type { Ec2Facts } from './ec2-facts.js';
import { loadPriceTable, type PriceTable } from './prices.js';
import { checkAccount } from './rules/account.js';
import { checkCapacityProvider } from './rules/capacity-provider.js';
import { checkChanges } from './rules/changes.js';
import { checkFunction } from './rules/function.js';
import { checkOfferings, checkOneVpc } from './rules/network.js';
import { selects } from './selector.js';
import { violationsOf, type Finding } from './violation.js';

/** What the guardrails judge. */
export interface GuardrailInput {
  desired: DesiredState;
  plan: Pick<Plan, 'changes'>;
  /** EC2 facts of the declared providers; absent (validate), rules that need them are skipped. */
  facts?: Ec2Facts;
  /** Live maxVCpuCount of the capacity providers this controller owns, by name. */
  liveMaxVCpu?: Map<string, number>;
  /**
   * The region priced for `account.maxMonthlyCostUsd`. Absent or not in the price table, each
   * family is priced at the dearest listed region (a ceiling, never an undercount).
   */
  region?: string;
  /** The price table; the shipped data/prices.json when absent. */
  prices?: PriceTable;
}

/**
 * The name violations of the checks every plan gets, whatever the guardrails say: subnets and
 * security groups exist and share one VPC (Block: AWS would refuse the provider), and each zone
 * offers an allowed instance type (Warn: the provider works, with fewer zones than it seems).
 */
export const BUILT_IN_GUARDRAIL = 'built-in';

/**
 * Judges the desired state and the plan's changes against every Guardrail manifest and the
 * built-in checks. Capacity-provider and function rules apply to the objects a guardrail's
 * selector picks; account and change rules apply to the whole plan. Returns violations in
 * guardrail order, then object order, built-in checks last; an empty array when all pass.
 * Pure: no I/O apart from reading the shipped price table once when `prices` is absent and a
 * guardrail has `account.maxMonthlyCostUsd`. Never throws on a valid desired state.
 */
export function evaluateGuardrails(input: GuardrailInput): Violation[] {
  const fromGuardrails = input.desired.guardrails.flatMap((guardrail) =>
    violationsOf(guardrail, findingsOf(guardrail, input)),
  );
  return [...fromGuardrails, ...builtInViolations(input)];
}

/** True when any violation comes from a guardrail with `enforcement: Block`. */
export function isBlocking(violations: readonly Violation[]): boolean {
  return violations.some((violation) => violation.enforcement === 'Block');
}

function findingsOf(guardrail: GuardrailManifest, input: GuardrailInput): Finding[] {
  const { desired, facts } = input;
  const spec = guardrail.spec;
  const findings: Finding[] = [];

  const providerRules = spec.capacityProviders;
  if (providerRules !== undefined) {
    for (const provider of desired.capacityProviders) {
      if (!selects(guardrail, provider.metadata.labels)) continue;
      findings.push(...checkCapacityProvider(providerRules, provider, facts));
    }
  }

  const functionRules = spec.functions;
  if (functionRules !== undefined) {
    for (const fn of desired.functions) {
      if (selects(guardrail, fn.metadata.labels))
        findings.push(...checkFunction(functionRules, fn));
    }
  }

  if (spec.account !== undefined)
    findings.push(...checkAccount(spec.account, guardrail, accountView(input)));
  if (spec.changes !== undefined)
    findings.push(...checkChanges(spec.changes, guardrail, input.plan.changes));
  return findings;
}

// The price table is read through a getter so that plans without a cost rule never touch it.
function accountView(input: GuardrailInput) {
  return {
    desired: input.desired,
    changes: input.plan.changes,
    liveMaxVCpu: input.liveMaxVCpu ?? new Map<string, number>(),
    region: input.region ?? '',
    get prices() {
      return input.prices ?? loadPriceTable();
    },
  };
}

function builtInViolations({ desired, facts }: GuardrailInput): Violation[] {
  if (facts === undefined) return [];
  return desired.capacityProviders.flatMap((provider) => [
    ...checkOneVpc(provider, facts).map((finding) => builtIn(finding, 'Block')),
    ...checkOfferings(provider, facts).map((finding) => builtIn(finding, 'Warn')),
  ]);
}

function builtIn(finding: Finding, enforcement: Violation['enforcement']): Violation {
  return { guardrail: BUILT_IN_GUARDRAIL, enforcement, ...finding };
}
