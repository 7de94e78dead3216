import { readFileSync } from 'node:fs';
import { Ajv2020, type JSONSchemaType } from 'ajv/dist/2020.js';

/** The shipped price table (data/prices.json): EC2 USD per vCPU-hour and the LMI charge. */
export interface PriceTable {
  source: string;
  /** When the prices were taken (YYYY-MM-DD). */
  date: string;
  currency: 'USD';
  unit: string;
  /** Hours in a billing month for the estimate (730, as AWS's calculator uses). */
  hoursPerMonth: number;
  /** The LMI management charge, a percentage on top of the EC2 price. */
  managementChargePercent: number;
  /** The architecture of each priced instance family. */
  families: Record<string, { architecture: 'x86_64' | 'arm64' }>;
  /** EC2 on-demand price per vCPU-hour, by region then family. */
  regions: Record<string, Record<string, number>>;
}

/** Where the table lives: `data/` beside `src/` and `dist/`, shipped in the npm package. */
export const PRICE_TABLE_URL = new URL('../../data/prices.json', import.meta.url);

const PRICE_TABLE_SCHEMA: JSONSchemaType<PriceTable> = {
  type: 'object',
  required: [
    'source',
    'date',
    'currency',
    'unit',
    'hoursPerMonth',
    'managementChargePercent',
    'families',
    'regions',
  ],
  properties: {
    source: { type: 'string', minLength: 1 },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    currency: { type: 'string', const: 'USD' },
    unit: { type: 'string' },
    hoursPerMonth: { type: 'number', exclusiveMinimum: 0 },
    managementChargePercent: { type: 'number', minimum: 0 },
    families: {
      type: 'object',
      required: [],
      additionalProperties: {
        type: 'object',
        required: ['architecture'],
        properties: { architecture: { type: 'string', enum: ['x86_64', 'arm64'] } },
      },
    },
    regions: {
      type: 'object',
      required: [],
      additionalProperties: {
        type: 'object',
        required: [],
        additionalProperties: { type: 'number', exclusiveMinimum: 0 },
      },
    },
  },
};

let cached: PriceTable | undefined;

/**
 * The shipped price table, read and checked on first use (importing this module does no I/O).
 * Throws when the file is missing or malformed, which means a broken installation.
 */
export function loadPriceTable(): PriceTable {
  if (cached !== undefined) return cached;
  cached = parsePriceTable(readFileSync(PRICE_TABLE_URL, 'utf8'));
  return cached;
}

/** Parses and checks a price table's JSON text. Throws naming what is wrong. */
export function parsePriceTable(text: string): PriceTable {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(PRICE_TABLE_SCHEMA);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error('price table is not valid json', { cause: error });
  }
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`price table is malformed: ${problems.join('; ')}`);
  }
  return value;
}
