import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/**
 * Compares `actual` with the golden file `name` under test/plan/render/golden/. Run the tests
 * with UPDATE_GOLDEN=1 to (re)write the files instead, then review the diff before committing.
 */
export function expectGolden(name: string, actual: string): void {
  const file = `${GOLDEN_DIR}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }

  expect(existsSync(file), `golden file ${name} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
