import type { OutcomeStatus } from '../apply/types.js';
import type { PassResult } from '../controller/pass.js';
import type { PlanError, PlanSummary, Violation } from '../plan/types.js';
import type { ResourceStatus } from './conditions.js';

/** The last pass as /status shows it. */
export interface PassReport {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  revision?: string;
  /** Count of plan changes per action; absent when nothing could be planned. */
  summary?: PlanSummary;
  /** Count of apply outcomes per status; absent when nothing was applied. */
  outcomes?: Partial<Record<OutcomeStatus, number>>;
  blocked: boolean;
  manifestProblems: { file: string; line: number; column: number; message: string }[];
  error?: { errorClass: string; message: string };
}

/**
 * The /status document. It carries names, conditions and spec paths, never difference values
 * (which may be secrets).
 */
export interface StatusReport {
  controllerId: string;
  mode: 'apply' | 'observe';
  /** True once a pass has completed since the daemon started. */
  ready: boolean;
  startedAt: string;
  revision?: string;
  lastPass?: PassReport;
  resources: ResourceStatus[];
  violations: Violation[];
  planErrors: PlanError[];
}

/** Builds the report of one pass from its result; copies no difference values. */
export function reportPass(id: string, result: PassResult, revision: string): PassReport {
  const outcomes: Partial<Record<OutcomeStatus, number>> = {};
  for (const outcome of result.apply?.outcomes ?? []) {
    outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
  }
  return {
    id,
    startedAt: new Date(result.startedAt).toISOString(),
    finishedAt: new Date(result.finishedAt).toISOString(),
    durationSeconds: Math.max(0, result.finishedAt - result.startedAt) / 1000,
    revision: result.revision ?? revision,
    ...(result.plan ? { summary: result.plan.summary } : {}),
    ...(result.apply ? { outcomes } : {}),
    blocked: result.blocked,
    manifestProblems: result.manifestProblems.map((problem) => ({
      ...problem.location,
      message: problem.message,
    })),
    ...(result.error ? { error: result.error } : {}),
  };
}
