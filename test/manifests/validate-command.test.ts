import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createWorkspace, FUNCTION, GUARDRAIL, PROVIDER, type Workspace } from './workspace.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function validate(...paths: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['node', 'lmi', '--log-level', 'silent', 'validate', ...paths], {
    stdout,
    stderr,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('lmi validate', () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
    workspace.write('src/app.py', 'def handler(event, context):\n    return event\n');
  });
  afterEach(() => workspace.remove());

  it('passes the shipped examples through the built CLI with a one-line summary', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ['bin/lmi.js', 'validate', 'manifests/examples'],
      {
        cwd: root,
      },
    );
    expect(stdout).toBe('valid: 3 CapacityProvider, 7 Function, 1 Guardrail in 9 files\n');
  });

  it('exits 0 and counts objects per kind and files', async () => {
    workspace.write('all.yaml', [PROVIDER, FUNCTION, GUARDRAIL].join('---\n'));
    const result = await validate(workspace.root);
    expect(result).toEqual({
      code: 0,
      stdout: 'valid: 1 CapacityProvider, 1 Function, 1 Guardrail in 1 file\n',
      stderr: '',
    });
  });

  it('exits 1 on one broken document among valid ones, listing every problem and no summary', async () => {
    workspace.write('providers.yaml', PROVIDER);
    workspace.write('guardrail.yaml', GUARDRAIL);
    const broken = FUNCTION.replace('name: api', 'name: worker')
      .replace('memorySize: 4096', 'memorySize: 40000')
      .replace('handler: app.handler', 'handlr: app.handler');
    workspace.write('functions/src/app.py', 'def handler(event, context):\n    return event\n');
    workspace.write('functions/all.yaml', [FUNCTION, broken].join('---\n'));

    const result = await validate(workspace.root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.replaceAll(`${workspace.root}/`, '').split('\n')).toEqual([
      'functions/all.yaml:25:3: unknown field handlr in spec; allowed: aliases, architectures, capacityProviderConfig, code, codeSigningConfigArn, deadLetterConfig, description, durableConfig, environment, ephemeralStorage, fileSystemConfigs, handler, imageConfig, kmsKeyArn, layers, loggingConfig, memorySize, packageType, publish, role, runtime, scalingConfig, snapStart, tags, tenancyConfig, timeout, tracingConfig, versionRetention, vpcConfig (did you mean handler?)',
      'functions/all.yaml:28:15: memorySize must be at most 32768 (got 40000)',
      '',
    ]);
  });

  it('exits 1 for a path that does not exist', async () => {
    const result = await validate(`${workspace.root}/missing`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('missing does not exist');
  });
});
