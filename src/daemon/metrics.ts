import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallRecorder } from '../aws/call-recorder.js';
import type { PassResult } from '../controller/pass.js';
import type { ConditionBook, ResourceStatus } from './conditions.js';

/**
 * The daemon's Prometheus metrics, on a registry of its own (never prom-client's global one), so
 * two daemons in one process (tests) do not share series.
 */
export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly passDuration = new Histogram({
    name: 'lmi_pass_duration_seconds',
    help: 'Duration of reconcile passes.',
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  private readonly changesApplied = new Counter({
    name: 'lmi_changes_applied_total',
    help: 'Changes applied to AWS, by action and kind.',
    labelNames: ['action', 'kind'],
    registers: [this.registry],
  });
  private readonly driftDetected = new Counter({
    name: 'lmi_drift_detected_total',
    help: 'Resources found moved away from their manifest out of band, by kind.',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'lmi_errors_total',
    help: 'Errors by class: failed changes, failed passes and manifest problems (class manifest).',
    labelNames: ['class'],
    registers: [this.registry],
  });
  private readonly awsCalls = new Counter({
    name: 'lmi_aws_calls_total',
    help: 'AWS call attempts, by operation and quota pool.',
    labelNames: ['operation', 'pool'],
    registers: [this.registry],
  });
  private readonly awsThrottles = new Counter({
    name: 'lmi_aws_throttles_total',
    help: 'AWS call attempts answered with throttling, by quota pool.',
    labelNames: ['pool'],
    registers: [this.registry],
  });
  private readonly resources = new Gauge({
    name: 'lmi_resources',
    help: 'Resources of the last plan, by condition and status.',
    labelNames: ['condition', 'status'],
    registers: [this.registry],
  });
  private readonly lastPass = new Gauge({
    name: 'lmi_last_pass_timestamp_seconds',
    help: 'Unix time the last reconcile pass finished.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts every AWS call the runner makes from now on. */
  watchCalls(recorder: CallRecorder): void {
    recorder.onCall((call) => {
      this.awsCalls.inc({ operation: call.operation, pool: call.pool });
      if (call.throttled) this.awsThrottles.inc({ pool: call.pool });
    });
  }

  /** Records a finished pass, the drift it found and the conditions it left. */
  observePass(result: PassResult, drifted: readonly ResourceStatus[], book: ConditionBook): void {
    this.passDuration.observe(Math.max(0, result.finishedAt - result.startedAt) / 1000);
    this.lastPass.set(result.finishedAt / 1000);
    for (const outcome of result.apply?.outcomes ?? []) {
      if (outcome.status === 'applied') {
        this.changesApplied.inc({ action: outcome.action, kind: outcome.kind });
      }
      if (outcome.status === 'failed') {
        this.errors.inc({ class: outcome.error?.errorClass ?? 'unknown' });
      }
    }
    for (const resource of drifted) this.driftDetected.inc({ kind: resource.kind });
    if (result.error) this.errors.inc({ class: result.error.errorClass });
    if (result.manifestProblems.length > 0) {
      this.errors.inc({ class: 'manifest' }, result.manifestProblems.length);
    }
    for (const { condition, status, count } of book.counts()) {
      this.resources.set({ condition, status }, count);
    }
  }

  /** The Prometheus text exposition of every series. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
