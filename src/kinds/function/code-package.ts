import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** A deployment package built from a manifest's `code.zipFile`. */
export interface ZipPackage {
  bytes: Uint8Array;
  /** Base64 SHA-256 of the bytes: what Lambda reports as CodeSha256. */
  sha256: string;
}

// 1980-01-01, the earliest time a zip entry can carry: every build stamps the same time.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;

/**
 * Builds the package for `path`: a `.zip` file is taken as it is; a folder is zipped
 * deterministically (entries sorted by path, fixed timestamps, modes 0644 or 0755 by the owner's
 * execute bit), so the same source always gives the same CodeSha256 and no perpetual code diff.
 * Throws when the path cannot be read.
 */
export async function buildZipPackage(path: string): Promise<ZipPackage> {
  const info = await stat(path);
  const bytes = info.isDirectory() ? await zipFolder(path) : new Uint8Array(await readFile(path));
  return { bytes, sha256: sha256Base64(bytes) };
}

/** Base64 SHA-256, the encoding Lambda uses for CodeSha256. */
export function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

async function zipFolder(root: string): Promise<Uint8Array> {
  const files = (await listFiles(root)).sort();
  const entries: Zippable = {};
  for (const file of files) {
    const info = await stat(file);
    const mode = info.mode & 0o100 ? 0o755 : 0o644;
    const name = relative(root, file).split(sep).join('/');
    entries[name] = [
      new Uint8Array(await readFile(file)),
      { mtime: FIXED_MTIME, os: UNIX, attrs: (0o100000 | mode) << 16, level: 6 },
    ];
  }
  return zipSync(entries, { mtime: FIXED_MTIME });
}

async function listFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    // Links are skipped: the loader refuses links that leave the repository, and a package that
    // depends on where a link points would not hash the same on every machine.
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}
