import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/plan-json.js';
import { runCli } from '../helpers/cli.js';

const quiet = ['--log-level', 'silent', '--sandbox'];

describe('lmi plan against an empty sandbox account', () => {
  it('plans the examples as creates only and exits 2 with --detailed-exitcode', async () => {
    const result = await runCli([...quiet, 'plan', '--detailed-exitcode', 'manifests/examples']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Plan: 10 to create, 0 to update, 0 to replace, 0 to delete.');
  });

  it('exits 0 on changes without --detailed-exitcode', async () => {
    const result = await runCli([...quiet, 'plan', 'manifests/examples']);
    expect(result.code).toBe(0);
  });

  it('writes a JSON plan that its schema accepts, with every change a create', async () => {
    const result = await runCli([...quiet, 'plan', '--format', 'json', 'manifests/examples']);
    const plan = parsePlan(result.stdout);
    expect(new Set(plan.changes.map((c) => c.action))).toEqual(new Set(['create']));
    expect(plan.summary.create).toBe(10);
    expect(Object.values(plan.fingerprints.live)).toEqual(Array(10).fill('absent'));
  });

  it('never prints environment variable values', async () => {
    const result = await runCli([...quiet, 'plan', '--format', 'markdown', 'manifests/examples']);
    expect(result.stdout).toContain('PAYMENT_GATEWAY_TOKEN');
    expect(result.stdout).not.toContain('resolve:secretsmanager');
    expect(result.stdout).not.toContain('production');
  });

  it('stops on invalid manifests with located errors and exit 1', async () => {
    const result = await runCli([...quiet, 'plan', 'test/manifests/fixtures/does-not-exist']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does-not-exist/);
    expect(result.stdout).toBe('');
  });
});
