import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotManifests } from '../../src/daemon/revision.js';

const git = (cwd: string, ...args: string[]) =>
  promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd });

describe('snapshotManifests', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lmi-revision-'));
    await mkdir(join(folder, 'team'));
    await writeFile(join(folder, 'team', 'fn.yaml'), 'kind: Function\n');
    await writeFile(join(folder, 'notes.txt'), 'not a manifest\n');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('hashes the manifest files when the folder is not a git checkout', async () => {
    const first = await snapshotManifests([folder]);
    expect(first.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect([...first.fileHashes.keys()]).toEqual([join(folder, 'team', 'fn.yaml')]);
    expect((await snapshotManifests([folder])).revision).toBe(first.revision);

    await writeFile(join(folder, 'notes.txt'), 'still not a manifest\n');
    expect((await snapshotManifests([folder])).revision).toBe(first.revision);

    await writeFile(join(folder, 'team', 'fn.yaml'), 'kind: Function\nspec: {}\n');
    expect((await snapshotManifests([folder])).revision).not.toBe(first.revision);
  });

  it('uses the git commit when the folder is a git checkout', async () => {
    await git(folder, 'init', '-q');
    await git(folder, 'add', '.');
    await git(folder, 'commit', '-q', '-m', 'manifests');
    const { stdout } = await git(folder, 'rev-parse', 'HEAD');

    const snapshot = await snapshotManifests([join(folder, 'team')]);
    expect(snapshot.revision).toBe(stdout.trim());
  });

  it('never throws for a path that does not exist', async () => {
    const snapshot = await snapshotManifests([join(folder, 'missing')]);
    expect(snapshot.fileHashes.size).toBe(0);
    expect(snapshot.revision).toMatch(/^sha256:/);
  });
});
