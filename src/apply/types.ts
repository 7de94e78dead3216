import type { ErrorClass } from '../aws/errors.js';
import type { Action, ResourceKind } from '../plan/types.js';

/** How one resource's change ended in an apply. */
export type OutcomeStatus = 'applied' | 'unchanged' | 'failed' | 'skipped' | 'suspended';

/** The result of applying one change. */
export interface ResourceOutcome {
  kind: ResourceKind;
  name: string;
  action: Action;
  status: OutcomeStatus;
  /** For failed: what went wrong, whether a later pass may succeed, and what to do. */
  error?: { errorClass: ErrorClass; retryable: boolean; message: string; hint?: string };
  /** For skipped: why (for example "its capacity provider failed"). */
  reason?: string;
  durationMs: number;
}

/** The result of one apply. */
export interface ApplyResult {
  outcomes: ResourceOutcome[];
  /** Write calls made (create, update, delete, publish, tag ...), retries included. */
  writes: number;
  /** True when the abort signal stopped the apply before every change was tried. */
  interrupted: boolean;
}
