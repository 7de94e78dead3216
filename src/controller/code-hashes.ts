import { resolve } from 'node:path';
import { buildZipPackage, type ZipPackage } from '../kinds/function/code-package.js';
import type { FunctionManifest } from '../manifests/types.js';

/** Built packages and code hashes of the declared functions. */
export interface CodeCatalog {
  /** CodeSha256 of each function's desired code (undefined for images, whose digest AWS keeps). */
  hashes: Map<string, string | undefined>;
  /** The zip bytes of each zipFile function, for CreateFunction and UpdateFunctionCode. */
  packages: Map<string, ZipPackage>;
}

/**
 * Builds every zipFile package (deterministically, so hashes are stable) and collects the stated
 * sha256 of S3 code. Throws when a package cannot be read; the loader has already checked the
 * paths exist and stay inside the repository.
 */
export async function buildCodeCatalog(functions: FunctionManifest[]): Promise<CodeCatalog> {
  const hashes = new Map<string, string | undefined>();
  const packages = new Map<string, ZipPackage>();
  for (const manifest of functions) {
    const name = manifest.metadata.name;
    const code = manifest.spec.code;
    if ('zipFile' in code) {
      const built = await buildZipPackage(resolve(manifest.source.baseDir, code.zipFile));
      packages.set(name, built);
      hashes.set(name, built.sha256);
    } else if ('sha256' in code) {
      hashes.set(name, code.sha256);
    } else {
      // Limitation: image functions are not compared by code; a new image under the same URI tag
      // is not detected. Pin images by digest (repo@sha256:...) so a change is a URI change.
      hashes.set(name, undefined);
    }
  }
  return { hashes, packages };
}
