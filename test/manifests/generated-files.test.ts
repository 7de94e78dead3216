import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderGeneratedFiles } from '../../scripts/generate-schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const files = await renderGeneratedFiles(root);

describe('generated schemas and types', () => {
  it.each(files.map((file) => [file.path, file.content] as const))(
    '%s matches what `npm run generate` produces now',
    (path, expected) => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(expected);
    },
  );

  it.each(files.filter((file) => file.path.endsWith('.json')).map((file) => [file.path]))(
    '%s compiles with ajv in strict mode',
    (path) => {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      expect(() => ajv.compile(JSON.parse(readFileSync(join(root, path), 'utf8')))).not.toThrow();
    },
  );

  it('anchors every pattern so AWS-style whole-value matching holds', () => {
    const patterns = files
      .filter((file) => file.path.endsWith('.json'))
      .flatMap((file) => [...file.content.matchAll(/"pattern": "(.*)"/g)].map((m) => m[1]));
    expect(patterns.length).toBeGreaterThan(10);
    for (const pattern of patterns) expect(pattern).toMatch(/^\^.*\$$/);
  });
});
