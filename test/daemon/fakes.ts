import { Writable } from 'node:stream';
import type { ResourceOutcome } from '../../src/apply/types.js';
import { CallRecorder } from '../../src/aws/call-recorder.js';
import type { PassOptions, PassResult, PassRunner } from '../../src/controller/pass.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';
import type { Action, Change, Plan, ResourceKind } from '../../src/plan/types.js';

type Script = (pass: number, options: PassOptions) => PassResult | Promise<PassResult>;

/** A pass runner that answers from a script and remembers what it was asked. */
export class FakeRunner implements PassRunner {
  readonly recorder = new CallRecorder();
  readonly calls: PassOptions[] = [];
  running = 0;
  maxConcurrent = 0;

  constructor(private readonly script: Script = () => resultOf({})) {}

  async runPass(options: PassOptions): Promise<PassResult> {
    this.calls.push(options);
    this.running += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    try {
      return await this.script(this.calls.length, options);
    } finally {
      this.running -= 1;
    }
  }
}

/** One plan change; the source file defaults to `manifests/<name>.yaml`. */
export function changeOf(
  kind: ResourceKind,
  name: string,
  action: Action,
  extra: Partial<Change> = {},
): Change {
  return {
    kind,
    name,
    action,
    differences: [],
    source: { file: `manifests/${name}.yaml`, line: 1, column: 1 },
    ...extra,
  };
}

/** A plan listing `changes`, with a desired fingerprint tests can vary. */
export function planOf(changes: Change[], desired = 'desired-1'): Plan {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, noop: 0 };
  for (const change of changes) summary[change.action] += 1;
  return {
    formatVersion: 1,
    controllerId: 'test',
    region: 'us-east-1',
    createdAt: new Date(0).toISOString(),
    paths: ['manifests'],
    summary,
    changes,
    violations: [],
    errors: [],
    cost: [],
    fingerprints: { desired, live: {} },
  };
}

/** A pass result; times default to now. */
export function resultOf(partial: Partial<PassResult>): PassResult {
  const now = Date.now();
  return { startedAt: now, finishedAt: now, manifestProblems: [], blocked: false, ...partial };
}

/** An apply outcome. */
export function outcomeOf(
  change: Change,
  status: ResourceOutcome['status'],
  error?: ResourceOutcome['error'],
): ResourceOutcome {
  return {
    kind: change.kind,
    name: change.name,
    action: change.action,
    status,
    durationMs: 5,
    ...(error ? { error } : {}),
  };
}

/** A JSON logger whose lines are kept for assertions. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', format: 'json', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true or `timeoutMs` passes (then throws). */
export async function eventually(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}
