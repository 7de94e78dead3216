import { applyPlan } from '../apply/executor.js';
import type { AwsClients } from '../aws/clients.js';
import type { CallRecorder } from '../aws/call-recorder.js';
import { classifyAwsError, errorClassOf } from '../aws/errors.js';
import { DetailCache } from '../kinds/detail-cache.js';
import type { LiveState } from '../kinds/live-state.js';
import type { Logger } from '../logging/logger.js';
import type { DesiredState } from '../manifests/types.js';
import type { Change } from '../plan/types.js';
import type { PassOptions, PassResult, PassRunner } from './pass.js';
import { preparePlan, type PlanJudge } from './prepare-plan.js';
import type { LiveCaches } from './read-live.js';

/** What a reconciler needs. */
export interface ReconcilerOptions {
  paths: string[];
  controllerId: string;
  clients: AwsClients;
  logger: Logger;
  /** Every owned resource is fully re-read at least once per this many milliseconds. */
  deepIntervalMs: number;
  judge?: PlanJudge;
  /** Overrides for waits (tests use short polls). */
  waits?: { pollMs: number; timeoutMs: number };
  /**
   * Resources applied at once per stage (default: the executor's 4). Creates spend most of their
   * time waiting for AWS, so a large fleet needs more in flight to keep the API budget busy.
   */
  applyConcurrency?: number;
}

/**
 * The level-triggered reconciler behind `lmi run`: each pass loads the manifests, reads live state,
 * plans, checks guardrails and applies (or only reports, in observe mode). When the manifests turn
 * invalid, the last good desired state stays in force, so a typo never causes deletes.
 */
export class Reconciler implements PassRunner {
  readonly recorder: CallRecorder;
  private lastGood: DesiredState | undefined;
  private readonly caches: LiveCaches;

  constructor(private readonly options: ReconcilerOptions) {
    this.recorder = options.clients.recorder;
    this.caches = {
      providerTags: new DetailCache(options.deepIntervalMs),
      functionDetails: new DetailCache(options.deepIntervalMs),
    };
  }

  /** Runs one pass. Never throws: a failure of the pass as a whole is in `error`. */
  async runPass(pass: PassOptions): Promise<PassResult> {
    const startedAt = Date.now();
    const finish = (result: Omit<PassResult, 'startedAt' | 'finishedAt'>): PassResult => ({
      startedAt,
      finishedAt: Date.now(),
      ...result,
    });
    try {
      const prepared = await preparePlan({
        paths: this.options.paths,
        controllerId: this.options.controllerId,
        clients: this.options.clients,
        logger: this.options.logger,
        caches: this.caches,
        ...(this.lastGood ? { fallbackDesired: this.lastGood } : {}),
        ...(this.options.judge ? { judge: this.options.judge } : {}),
      });
      if (prepared.problems.length === 0 && prepared.desired) this.lastGood = prepared.desired;
      const problems = prepared.problems;
      const { plan, desired, live, code } = prepared;
      if (!plan || !desired || !live || !code)
        return finish({ manifestProblems: problems, blocked: false });

      const blocked = plan.violations.some((v) => v.enforcement === 'Block');
      if (pass.mode === 'observe' || blocked || pass.signal?.aborted) {
        return finish({ manifestProblems: problems, plan, blocked });
      }
      const apply = await applyPlan(plan, {
        clients: this.options.clients,
        // The daemon logs every outcome with its pass id; the executor's own lines would repeat
        // them.
        logger: this.options.logger.child({ component: 'apply' }, { level: 'error' }),
        controllerId: this.options.controllerId,
        desired,
        live,
        codePackage: (name) => Promise.resolve(code.packages.get(name)),
        ...(pass.signal ? { signal: pass.signal } : {}),
        ...(pass.hold ? { hold: pass.hold } : {}),
        ...(this.options.waits ? { waits: this.options.waits } : {}),
        ...(this.options.applyConcurrency ? { concurrency: this.options.applyConcurrency } : {}),
      });
      this.forgetChanged(plan.changes, live);
      return finish({ manifestProblems: problems, plan, apply, blocked });
    } catch (error) {
      const verdict = classifyAwsError(error);
      this.options.logger.error({ error: verdict }, 'reconcile pass failed');
      const message = error instanceof Error ? error.message : String(error);
      return finish({
        manifestProblems: [],
        blocked: false,
        error: { errorClass: errorClassOf(error), message },
      });
    }
  }

  // Tags and aliases can change without a new RevisionId, so what was just changed is re-read.
  private forgetChanged(changes: readonly Change[], live: LiveState): void {
    for (const change of changes) {
      if (change.action === 'noop') continue;
      if (change.kind === 'CapacityProvider') {
        const arn = live.capacityProviders.get(change.name)?.arn;
        if (arn) this.caches.providerTags.invalidate(arn);
      } else {
        const arn = live.functions.get(change.name)?.arn;
        if (arn) this.caches.functionDetails.invalidatePrefix(`${arn}|`);
      }
    }
  }
}
