import { chmod, mkdtemp, mkdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZipPackage } from '../../src/kinds/function/code-package.js';

async function sourceFolder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lmi-code-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), content);
  }
  return root;
}

describe('buildZipPackage', () => {
  it('gives the same hash for the same source whatever the timestamps and creation order', async () => {
    const first = await sourceFolder({ 'index.mjs': 'export const a = 1;', 'lib/b.mjs': 'b' });
    const second = await sourceFolder({ 'lib/b.mjs': 'b', 'index.mjs': 'export const a = 1;' });
    await utimes(join(second, 'index.mjs'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const [a, b] = await Promise.all([buildZipPackage(first), buildZipPackage(second)]);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('gives another hash when a file changes', async () => {
    const first = await sourceFolder({ 'index.mjs': 'one' });
    const second = await sourceFolder({ 'index.mjs': 'two' });
    const [a, b] = await Promise.all([buildZipPackage(first), buildZipPackage(second)]);
    expect(a.sha256).not.toBe(b.sha256);
  });

  it('gives another hash when a file becomes executable', async () => {
    const folder = await sourceFolder({ bootstrap: '#!/bin/sh' });
    const before = await buildZipPackage(folder);
    await chmod(join(folder, 'bootstrap'), 0o755);
    const after = await buildZipPackage(folder);
    expect(after.sha256).not.toBe(before.sha256);
  });
});
