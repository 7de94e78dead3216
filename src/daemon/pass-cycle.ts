import type { PassResult, PassRunner } from '../controller/pass.js';
import type { Logger } from '../logging/logger.js';
import type { Plan } from '../plan/types.js';
import { ConditionBook, type ResourceStatus } from './conditions.js';
import { HoldBook, keyOf } from './hold-book.js';
import type { DaemonMetrics } from './metrics.js';
import { snapshotManifests, type ManifestSnapshot } from './revision.js';
import { reportPass, type PassReport, type StatusReport } from './status-report.js';

/** Options of a `PassCycle`. */
export interface PassCycleOptions {
  runner: PassRunner;
  paths: string[];
  mode: 'apply' | 'observe';
  controllerId: string;
  logger: Logger;
  metrics: DaemonMetrics;
  holds: HoldBook;
}

/**
 * One reconcile pass with the daemon's bookkeeping around it: snapshot the manifests (revision,
 * file hashes), let the hold book answer the runner's `hold` question, run the pass, then record
 * outcomes, conditions, metrics, logs and the status report. Never throws: a runner that breaks
 * its contract and throws is reported as a failed pass.
 */
export class PassCycle {
  readonly conditions = new ConditionBook();
  private readonly startedAt = new Date().toISOString();
  private passCount = 0;
  private lastPass: PassReport | undefined;
  private lastPlan: Plan | undefined;

  constructor(private readonly options: PassCycleOptions) {}

  /**
   * Runs one pass; `signal` aborts it between AWS calls. A pass aborted before the runner began
   * is not recorded (no conditions, metrics or readiness) and reports an `aborted` error.
   */
  async run(signal: AbortSignal): Promise<PassResult> {
    const id = `pass-${++this.passCount}`;
    const log = this.options.logger.child({ passId: id });

    // What the manifests are right before the runner loads them.
    const snapshot = await snapshotManifests(this.options.paths);
    if (signal.aborted) return abortedBeforeStart();
    this.options.holds.beginPass(snapshot);

    const heldThisPass = new Map<string, string>();
    const hold = (kind: string, name: string): string | undefined => {
      const reason = this.options.holds.reasonToHold(kind, name);
      if (reason !== undefined) heldThisPass.set(keyOf(kind, name), reason);
      return reason;
    };
    const result = await this.runSafely({ mode: this.options.mode, hold, signal });

    const drifted = this.record(result, snapshot, heldThisPass);
    this.lastPass = reportPass(id, result, snapshot.revision);
    if (result.plan) this.lastPlan = result.plan;
    this.log(log, result, drifted);
    return result;
  }

  /** True once a pass has completed. */
  isReady(): boolean {
    return this.lastPass !== undefined;
  }

  /** The /status document. */
  status(): StatusReport {
    return {
      controllerId: this.options.controllerId,
      mode: this.options.mode,
      ready: this.isReady(),
      startedAt: this.startedAt,
      ...(this.lastPass?.revision ? { revision: this.lastPass.revision } : {}),
      ...(this.lastPass ? { lastPass: this.lastPass } : {}),
      resources: this.conditions.list(),
      violations: this.lastPlan?.violations ?? [],
      planErrors: this.lastPlan?.errors ?? [],
    };
  }

  private async runSafely(options: Parameters<PassRunner['runPass']>[0]): Promise<PassResult> {
    const startedAt = Date.now();
    try {
      return await this.options.runner.runPass(options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failure = { errorClass: 'unknown', message: `the pass runner threw: ${message}` };
      return {
        startedAt,
        finishedAt: Date.now(),
        manifestProblems: [],
        blocked: false,
        error: failure,
      };
    }
  }

  /** Feeds the pass into the hold book, the conditions and the metrics; returns the drift. */
  private record(
    result: PassResult,
    snapshot: ManifestSnapshot,
    heldThisPass: ReadonlyMap<string, string>,
  ): ResourceStatus[] {
    const { holds, metrics, mode } = this.options;
    const changes = result.plan?.changes ?? [];
    const sources = new Map(changes.map((c) => [keyOf(c.kind, c.name), c.source?.file]));
    holds.recordOutcomes(result.apply?.outcomes ?? [], (key) => sources.get(key));
    for (const change of changes) {
      if (change.action === 'noop') holds.clear(change.kind, change.name);
    }

    const drifted = this.conditions.observe({
      result,
      mode,
      snapshot,
      heldThisPass,
      holdOf: (kind, name) => holds.get(kind, name),
      at: new Date(result.finishedAt).toISOString(),
    });
    metrics.observePass(result, drifted, this.conditions);
    return drifted;
  }

  private log(log: Logger, result: PassResult, drifted: readonly ResourceStatus[]): void {
    for (const outcome of result.apply?.outcomes ?? []) {
      const fields = { kind: outcome.kind, name: outcome.name, action: outcome.action };
      if (outcome.status === 'applied') {
        log.info({ ...fields, durationMs: outcome.durationMs }, 'change applied');
      }
      if (outcome.status === 'failed')
        log.warn({ ...fields, error: outcome.error }, 'change failed');
    }
    for (const resource of drifted) {
      const fields = { kind: resource.kind, name: resource.name, paths: resource.changedPaths };
      log.warn(fields, 'drift detected');
    }
    if (result.manifestProblems.length > 0) {
      log.warn({ problems: result.manifestProblems }, 'manifest problems; last good state kept');
    }
    if (result.error) log.error({ error: result.error }, 'pass failed');
    log.info(
      {
        revision: this.lastPass?.revision,
        summary: this.lastPass?.summary,
        outcomes: this.lastPass?.outcomes,
        blocked: result.blocked,
        violations: result.plan?.violations.length ?? 0,
        durationMs: result.finishedAt - result.startedAt,
      },
      'pass finished',
    );
  }
}

function abortedBeforeStart(): PassResult {
  const now = Date.now();
  const error = { errorClass: 'aborted', message: 'stopped before the pass began' };
  return { startedAt: now, finishedAt: now, manifestProblems: [], blocked: false, error };
}
