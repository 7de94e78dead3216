import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions per stage, continuation lines joined and comments dropped. */
function stages(): Instruction[][] {
  const text = readFileSync(new URL('Dockerfile', root), 'utf8').replace(/\\\n/g, ' ');
  const result: Instruction[][] = [];
  for (const line of text.split('\n')) {
    const match = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!match?.[1] || match[2] === undefined) continue;
    if (match[1] === 'FROM') result.push([]);
    result.at(-1)?.push({ keyword: match[1], args: match[2].trim() });
  }
  return result;
}

function argsOf(stage: Instruction[] | undefined, keyword: string): string[] {
  return (stage ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);
}

describe('the Dockerfile', () => {
  const all = stages();
  const build = all[0];
  const runtime = all.at(-1);

  it('builds in a Node 22 stage and runs in another Node 22 stage', () => {
    expect(all).toHaveLength(2);
    expect(argsOf(build, 'FROM')).toEqual(['node:22-bookworm-slim AS build']);
    expect(argsOf(runtime, 'FROM')[0]).toMatch(/^node:22-bookworm-slim|nodejs22/);
  });

  it('compiles with dev dependencies, then prunes them before the runtime copy', () => {
    const run = argsOf(build, 'RUN').join(' && ');
    expect(run).toContain('npm ci --ignore-scripts');
    expect(run.indexOf('npm run build')).toBeLessThan(run.indexOf('npm prune --omit=dev'));
    expect(argsOf(runtime, 'COPY')).toEqual(['--from=build /app /app']);
    expect(argsOf(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a non-root user with lmi run on /manifests by default', () => {
    const user = argsOf(runtime, 'USER').at(-1) ?? 'root';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(argsOf(runtime, 'ENTRYPOINT')).toEqual(['["node", "/app/bin/lmi.js"]']);
    expect(argsOf(runtime, 'CMD')).toEqual(['["run", "/manifests"]']);
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['8080']);
  });

  it('keeps the host node_modules, dist and .git out of the build context', () => {
    const ignored = readFileSync(new URL('.dockerignore', root), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });

  it('stages, through npm pack, the launcher, the compiled CLI and package.json', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['pack', '--dry-run', '--ignore-scripts', '--json'],
      { cwd: root },
    );
    const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const files = pack?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining(['bin/lmi.js', 'dist/cli/main.js', 'dist/cli/run.js', 'package.json']),
    );
  });
});
