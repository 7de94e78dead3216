import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Manifest file names the snapshot covers, matching what the loader reads. */
const MANIFEST_FILE = /\.ya?ml$/i;

/** The manifests as they stood at one moment. */
export interface ManifestSnapshot {
  /**
   * The git commit (`git rev-parse HEAD`) when every path lies in a git checkout at the same
   * commit, else `sha256:` and a hash over the manifest files' names and contents.
   */
  revision: string;
  /** sha256 of each manifest file's contents, keyed by absolute path. */
  fileHashes: ReadonlyMap<string, string>;
}

/**
 * Reads the manifest files under `paths` and returns their revision and content hashes. Never
 * throws: an unreadable path contributes no files, so it only changes the hash.
 */
export async function snapshotManifests(paths: readonly string[]): Promise<ManifestSnapshot> {
  const fileHashes = new Map<string, string>();
  for (const path of paths) {
    for (const file of await manifestFilesUnder(path)) {
      fileHashes.set(file, await fileHash(file));
    }
  }

  const commits = await Promise.all(paths.map(gitCommitOf));
  const first = commits[0];
  if (first !== undefined && commits.every((commit) => commit === first)) {
    return { revision: first, fileHashes };
  }

  const hash = createHash('sha256');
  for (const [file, contentHash] of [...fileHashes].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${file}\0${contentHash}\0`);
  }
  return { revision: `sha256:${hash.digest('hex')}`, fileHashes };
}

/** The key a source file has in `ManifestSnapshot.fileHashes`. */
export function snapshotKey(file: string): string {
  return resolve(file);
}

async function fileHash(file: string): Promise<string> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return 'unreadable';
  }
}

// Limitation: the container image carries no git binary, so there the revision is the content
// hash unless the runner reports the commit itself.
async function gitCommitOf(path: string): Promise<string | undefined> {
  try {
    const resolved = await realpath(path);
    const folder = (await stat(resolved)).isDirectory() ? resolved : dirname(resolved);
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: folder, timeout: 10_000 });
    const commit = stdout.trim();
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined;
  } catch {
    // No git binary, not a checkout, or git refusing a folder owned by another user.
    return undefined;
  }
}

/** Manifest files under a path (absolute), skipping `.git`; a file path stands for itself. */
async function manifestFilesUnder(path: string): Promise<string[]> {
  try {
    const root = resolve(path);
    if (!(await stat(root)).isDirectory()) return [root];
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && MANIFEST_FILE.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !file.split(/[\\/]/).includes('.git'));
  } catch {
    return [];
  }
}
