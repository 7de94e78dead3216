import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchManifests, type ManifestWatch } from '../../src/daemon/manifest-watcher.js';
import { capturingLogger, eventually, sleep } from './fakes.js';

describe('watchManifests', () => {
  let root: string;
  let watch: ManifestWatch | undefined;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'lmi-watch-'));
  });
  afterEach(async () => {
    watch?.close();
    await rm(root, { recursive: true, force: true });
  });

  function start(path: string) {
    const counter = { changes: 0 };
    watch = watchManifests([path], {
      debounceMs: 400,
      onChange: () => (counter.changes += 1),
      logger: capturingLogger().logger,
    });
    return counter;
  }

  it('calls once, debounced, after a burst of edits in a nested folder', async () => {
    await mkdir(join(root, 'team', 'payments'), { recursive: true });
    const counter = start(root);
    await sleep(300);

    for (let edit = 0; edit < 5; edit += 1) {
      await writeFile(join(root, 'team', 'payments', 'fn.yaml'), `edit: ${edit}\n`);
      await sleep(20);
    }
    await eventually(() => counter.changes >= 1);
    await sleep(600);
    expect(counter.changes).toBe(1);
  });

  it('does not call without a change', async () => {
    const counter = start(root);
    await sleep(800);
    expect(counter.changes).toBe(0);
  });

  it('follows a symlink swapped to a new checkout, as git-sync publishes one', async () => {
    await mkdir(join(root, 'rev-1'));
    await mkdir(join(root, 'rev-2'));
    await symlink(join(root, 'rev-1'), join(root, 'current'));
    const counter = start(join(root, 'current'));
    await sleep(300);

    await symlink(join(root, 'rev-2'), join(root, 'next'));
    await rename(join(root, 'next'), join(root, 'current'));
    await eventually(() => counter.changes >= 1);
    await sleep(500);

    const before = counter.changes;
    await writeFile(join(root, 'rev-2', 'fn.yaml'), 'kind: Function\n');
    await eventually(() => counter.changes > before);
  });
});
