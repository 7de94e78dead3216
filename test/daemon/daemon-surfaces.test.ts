import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../src/daemon/daemon.js';
import type { StatusReport } from '../../src/daemon/status-report.js';
import {
  FakeRunner,
  capturingLogger,
  changeOf,
  eventually,
  outcomeOf,
  planOf,
  resultOf,
} from './fakes.js';

const SECRET = 'SECRET-MARKER-7f3a';

const secretChange = changeOf('Function', 'orders', 'update', {
  differences: [
    { path: 'environment.variables.API_KEY', live: SECRET, desired: `${SECRET}-new` },
    { path: 'memorySize', live: 2048, desired: 4096 },
  ],
});
const providerChange = changeOf('CapacityProvider', 'steady', 'create');

/** A runner whose first pass waits for `release`, so /readyz can be seen before it ends. */
function gatedRunner() {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runner = new FakeRunner(async () => {
    await gate;
    runner.recorder.record({
      service: 'lambda',
      operation: 'GetFunction',
      pool: 'get-function',
      durationMs: 3,
      throttled: true,
    });
    return resultOf({
      revision: 'abc123',
      plan: {
        ...planOf([secretChange, providerChange]),
        violations: [
          {
            guardrail: 'cost',
            enforcement: 'Warn',
            kind: 'CapacityProvider',
            name: 'steady',
            rule: 'maxVCpuCount',
            found: '400',
            allowed: '200',
          },
        ],
      },
      apply: {
        outcomes: [
          outcomeOf(secretChange, 'applied'),
          outcomeOf(providerChange, 'failed', {
            errorClass: 'validation',
            retryable: false,
            message: 'bad subnet',
          }),
        ],
        writes: 1,
        interrupted: false,
      },
    });
  });
  return { runner, release: () => release() };
}

describe('the daemon HTTP surfaces', () => {
  let folder: string;
  let daemon: RunningDaemon | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lmi-daemon-'));
    await writeFile(join(folder, 'fn.yaml'), 'kind: Function\n');
  });
  afterEach(async () => {
    await daemon?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  async function start(runner: FakeRunner) {
    const log = capturingLogger();
    daemon = await startDaemon({
      runner,
      paths: [folder],
      mode: 'apply',
      controllerId: 'test-controller',
      intervalMs: 60_000,
      listen: { host: '127.0.0.1', port: 0 },
      logger: log.logger,
    });
    return { url: daemon.url ?? '', lines: log.lines };
  }

  it('answers /healthz at once and /readyz only after the first pass completes', async () => {
    const { runner, release } = gatedRunner();
    const { url } = await start(runner);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    release();
    await eventually(() => daemon?.status().ready === true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
  });

  it('exposes every lmi series and the process metrics on /metrics', async () => {
    const { runner, release } = gatedRunner();
    const { url } = await start(runner);
    release();
    await eventually(() => daemon?.status().ready === true);

    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('lmi_pass_duration_seconds_count 1');
    expect(text).toContain('lmi_changes_applied_total{action="update",kind="Function"} 1');
    expect(text).toContain('lmi_errors_total{class="validation"} 1');
    expect(text).toContain('lmi_aws_calls_total{operation="GetFunction",pool="get-function"} 1');
    expect(text).toContain('lmi_aws_throttles_total{pool="get-function"} 1');
    expect(text).toContain('lmi_resources{condition="Ready",status="True"} 1');
    expect(text).toContain('lmi_resources{condition="Stalled",status="True"} 1');
    expect(text).toMatch(/lmi_last_pass_timestamp_seconds \d+/);
    expect(text).toContain('# TYPE lmi_drift_detected_total counter');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('serves /status with conditions, the last pass and guardrails, and no secret values', async () => {
    const { runner, release } = gatedRunner();
    const { url, lines } = await start(runner);
    release();
    await eventually(() => daemon?.status().ready === true);

    const body = await (await fetch(`${url}/status`)).text();
    expect(body).not.toContain(SECRET);
    expect(JSON.stringify(lines())).not.toContain(SECRET);

    const report = JSON.parse(body) as StatusReport;
    expect(report).toMatchObject({
      controllerId: 'test-controller',
      mode: 'apply',
      ready: true,
      revision: 'abc123',
      lastPass: {
        id: 'pass-1',
        summary: { update: 1, create: 1 },
        outcomes: { applied: 1, failed: 1 },
      },
      violations: [{ guardrail: 'cost', rule: 'maxVCpuCount' }],
    });
    const orders = report.resources.find((r) => r.name === 'orders');
    expect(orders?.changedPaths).toEqual(['environment.variables.API_KEY', 'memorySize']);
    expect(orders?.conditions.map((c) => c.type)).toEqual([
      'Ready',
      'Synced',
      'Drifted',
      'Stalled',
    ]);
    const steady = report.resources.find((r) => r.name === 'steady');
    expect(steady?.conditions.find((c) => c.type === 'Stalled')?.reason).toBe('TerminalFailure');
  });

  it('logs one line per applied change and one summary per pass, with a pass id', async () => {
    const { runner, release } = gatedRunner();
    const { lines } = await start(runner);
    release();
    await eventually(() => lines().some((line) => line.msg === 'pass finished'));

    const applied = lines().filter((line) => line.msg === 'change applied');
    expect(applied).toEqual([
      expect.objectContaining({ passId: 'pass-1', kind: 'Function', name: 'orders' }),
    ]);
    const summary = lines().find((line) => line.msg === 'pass finished');
    expect(summary).toMatchObject({ passId: 'pass-1', revision: 'abc123' });
  });

  it('holds a terminally failed resource back on the next pass', async () => {
    const { runner, release } = gatedRunner();
    await start(runner);
    release();
    await eventually(() => daemon?.status().ready === true);

    daemon?.trigger();
    await eventually(() => runner.calls.length === 2);
    const hold = runner.calls[1]?.hold;
    expect(hold?.('CapacityProvider', 'steady')).toMatch(/failed terminally/);
    expect(hold?.('Function', 'orders')).toBeUndefined();
  });

  it('runs a pass soon after a manifest file changes', async () => {
    const runner = new FakeRunner();
    await start(runner);
    await eventually(() => runner.calls.length === 1);

    await writeFile(join(folder, 'fn.yaml'), 'kind: Function\nmetadata: {}\n');
    await eventually(() => runner.calls.length === 2);
  });

  it('stops on request: aborts the in-flight pass, closes the server, resolves true', async () => {
    const runner = new FakeRunner(
      (_pass, options) =>
        new Promise((resolve) => {
          options.signal?.addEventListener('abort', () => resolve(resultOf({})));
        }),
    );
    const { url } = await start(runner);
    await eventually(() => runner.running === 1);

    expect(await daemon?.stop()).toBe(true);
    expect(runner.calls[0]?.signal?.aborted).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
