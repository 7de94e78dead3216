import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileStart, problemAt } from './problems.js';
import type { ManifestProblem } from './types.js';

/** A manifest file to read: `path` as reported to the user, `realPath` as read from disk. */
export interface FoundFile {
  path: string;
  realPath: string;
}

/** The files found under the given paths and the problems met on the way. */
export interface Discovery {
  files: FoundFile[];
  problems: ManifestProblem[];
}

const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * Finds the manifest files under `paths` (files as given, folders recursively for *.yaml and
 * *.yml, entries in name order). Symlinks are followed only while they stay inside `realRoot` (a
 * real path); each real folder is entered once, so symlink loops end. Never throws: unreadable or
 * missing paths become problems.
 */
export async function discoverManifestFiles(paths: string[], realRoot: string): Promise<Discovery> {
  const walk = new Walk(realRoot);
  for (const path of paths) await walk.visit(path, true);
  return { files: walk.files, problems: walk.problems };
}

class Walk {
  readonly files: FoundFile[] = [];
  readonly problems: ManifestProblem[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenFolders = new Set<string>();

  constructor(private readonly realRoot: string) {}

  async visit(path: string, explicit: boolean): Promise<void> {
    const real = await this.resolveReal(path);
    if (real === undefined) return;

    let kind;
    try {
      kind = await stat(real);
    } catch (error) {
      this.problems.push(problemAt(fileStart(path), `cannot read ${path}: ${reason(error)}`));
      return;
    }

    if (kind.isDirectory()) {
      await this.visitFolder(path, real);
    } else if (kind.isFile() && (explicit || MANIFEST_FILE.test(path))) {
      if (this.seenFiles.has(real)) return;
      this.seenFiles.add(real);
      this.files.push({ path, realPath: real });
    }
  }

  private async visitFolder(path: string, real: string): Promise<void> {
    if (this.seenFolders.has(real)) return;
    this.seenFolders.add(real);

    let names: string[];
    try {
      names = (await readdir(real)).sort();
    } catch (error) {
      this.problems.push(
        problemAt(fileStart(path), `cannot read folder ${path}: ${reason(error)}`),
      );
      return;
    }
    for (const name of names) await this.visit(join(path, name), false);
  }

  /** The real path of `path`; undefined (and a problem) when it is missing or leaves the root. */
  private async resolveReal(path: string): Promise<string | undefined> {
    try {
      const link = await lstat(path);
      const real = await realpath(path);
      if (link.isSymbolicLink() && !isInside(this.realRoot, real)) {
        const message =
          `symlink ${path} leads to ${real}, ` + `outside the repository root ${this.realRoot}`;
        this.problems.push(problemAt(fileStart(path), message));
        return undefined;
      }
      return real;
    } catch (error) {
      this.problems.push(problemAt(fileStart(path), describeMissing(path, error)));
      return undefined;
    }
  }
}

/** Whether `path` is `root` or inside it (both absolute, real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The deepest folder that contains every one of `paths` (resolved against the working folder). */
export function commonRoot(paths: string[]): string {
  const split = paths.map((path) => resolve(path).split(/[\\/]/));
  const first = split[0] ?? [resolve('.')];
  let length = first.length;
  for (const parts of split) {
    let same = 0;
    while (same < Math.min(length, parts.length) && parts[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join('/') || '/';
}

function describeMissing(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path} does not exist`;
  if (code === 'ELOOP') return `symlink ${path} is part of a symlink loop`;
  return `cannot read ${path}: ${reason(error)}`;
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
