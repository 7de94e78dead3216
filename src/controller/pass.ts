import type { CallRecorder } from '../aws/call-recorder.js';
import type { ApplyResult } from '../apply/types.js';
import type { ManifestProblem } from '../manifests/types.js';
import type { Plan } from '../plan/types.js';

/** What one reconcile pass did: load, read, plan, check guardrails, apply (or only report). */
export interface PassResult {
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
  /** The manifest revision (git commit) when the folder is a git checkout. */
  revision?: string;
  /** Problems in the manifests; when present, the last good desired state was used (or none). */
  manifestProblems: ManifestProblem[];
  /** The plan made this pass; absent when nothing could be planned (no good manifests yet). */
  plan?: Plan;
  /** What applying did; absent in observe mode or when the plan was blocked. */
  apply?: ApplyResult;
  /** True when a blocking guardrail stopped the apply. */
  blocked: boolean;
  /** A failure of the pass as a whole (for example AWS unreachable while reading). */
  error?: { errorClass: string; message: string };
}

/** Options of one pass. */
export interface PassOptions {
  /** `observe` reads and plans but changes nothing. */
  mode: 'apply' | 'observe';
  /**
   * Resources the caller holds back this pass (backing off after a failure, or stalled on a
   * terminal one): returns the reason to hold `kind/name`, or undefined to let it through.
   */
  hold?: (kind: string, name: string) => string | undefined;
  /** Aborts between AWS calls; the pass then ends with what it finished. */
  signal?: AbortSignal;
}

/**
 * Runs reconcile passes. Level-triggered: every pass compares everything, whatever started it.
 * Implementations never throw from runPass: failures are reported in the PassResult.
 */
export interface PassRunner {
  runPass(options: PassOptions): Promise<PassResult>;
  /** Counts of AWS calls made by this runner, for metrics. */
  readonly recorder: CallRecorder;
}
