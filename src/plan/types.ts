import type { KindName, SourceLocation } from '../manifests/types.js';

/** What applying a change does to one resource. */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'adopt' | 'noop';

export const ACTIONS: readonly Action[] = [
  'create',
  'update',
  'replace',
  'delete',
  'adopt',
  'noop',
];

/** The kinds that become AWS resources (a Guardrail is policy only). */
export type ResourceKind = Exclude<KindName, 'Guardrail'>;

/**
 * One field that differs between live and desired. `path` is the spec path in the manifest's
 * lowerCamelCase (`capacityProviderScalingConfig.maxVCpuCount`, `environment.variables.API_KEY`).
 * A sensitive difference carries no values: renderers show it as changed only.
 */
export interface Difference {
  path: string;
  live?: unknown;
  desired?: unknown;
  sensitive?: boolean;
}

/** One resource's change: the unit a plan lists, guardrails judge and apply executes. */
export interface Change {
  kind: ResourceKind;
  name: string;
  action: Action;
  differences: Difference[];
  /** Why this action: for a replace, the create-only field; for a delete, the prune reason. */
  reason?: string;
  /** For a provider replace: the functions that must move off it first. */
  cascade?: string[];
  /** Where the desired object is declared; absent for deletes of undeclared resources. */
  source?: SourceLocation;
  /** True when `lmi/suspend` or observe mode holds this change back: reported, not applied. */
  suspended?: boolean;
  /** For a delete of a `Retain` resource: ownership is dropped instead. */
  retain?: boolean;
}

/** A guardrail rule broken by the desired state or by a change. */
export interface Violation {
  guardrail: string;
  enforcement: 'Block' | 'Warn';
  kind: ResourceKind | 'Account' | 'Plan';
  name: string;
  rule: string;
  found: string;
  allowed: string;
  location?: SourceLocation;
}

/** A problem that makes a plan unusable for one resource (for example an unowned name clash). */
export interface PlanError {
  kind: ResourceKind;
  name: string;
  message: string;
  location?: SourceLocation;
}

/** Monthly cost ceiling implied by one provider's maxVCpuCount, desired against live. */
export interface CostLine {
  name: string;
  liveMonthlyUsd: number;
  desiredMonthlyUsd: number;
}

export type PlanSummary = Record<Action, number>;

/** The whole plan. Its JSON form is `schemas/plan.schema.json`. */
export interface Plan {
  formatVersion: 1;
  controllerId: string;
  region: string;
  createdAt: string;
  /** The manifest paths the plan was made from, so `apply --plan` can re-derive it. */
  paths: string[];
  /** The manifest revision (git commit) when known. */
  revision?: string;
  summary: PlanSummary;
  changes: Change[];
  violations: Violation[];
  errors: PlanError[];
  cost: CostLine[];
  /**
   * Hashes of each resource's live state (`Kind/name` to hash; absent resources hash to `absent`)
   * and of the desired state, so a saved plan can be refused when either moved since.
   */
  fingerprints: { desired: string; live: Record<string, string> };
}
