import { parseArgs } from 'node:util';
import { BENCH_TIMING, type BenchOptions } from './run-benchmark.js';

/** What `npm run bench` was asked for: the benchmark's options and where its report goes. */
export interface BenchCommand {
  options: BenchOptions;
  json: boolean;
  /** File to write the report to instead of stdout (npm prints its own lines on stdout). */
  out?: string;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--functions 1000] [--providers 20] [--api-budget 100]
  [--concurrency 64] [--cpu-functions 5000] [--cpu-runs 3] [--drift 5] [--seed 1]
  [--json] [--out FILE]`;

/**
 * Reads the benchmark's command line. Counts must be whole numbers, percentages may have a
 * fraction. Throws a RangeError naming the option, its allowed range and the value given, or
 * parseArgs' own TypeError for an unknown option or a missing value.
 */
export function parseBenchArgs(argv: string[]): BenchCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      functions: { type: 'string', default: '1000' },
      providers: { type: 'string', default: '20' },
      'api-budget': { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '64' },
      'cpu-functions': { type: 'string', default: '5000' },
      'cpu-runs': { type: 'string', default: '3' },
      drift: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const count = (name: NumericOption, min: number, max: number): number =>
    numberIn(name, values[name], min, max, true);
  const percent = (name: NumericOption): number =>
    numberIn(name, values[name], 1, 100, false) / 100;

  const options: BenchOptions = {
    functions: count('functions', 1, 100_000),
    providers: count('providers', 1, 1000),
    apiShare: percent('api-budget'),
    concurrency: count('concurrency', 1, 1000),
    cpuFunctions: count('cpu-functions', 1, 100_000),
    cpuRuns: count('cpu-runs', 1, 20),
    driftShare: percent('drift'),
    seed: count('seed', 0, 2 ** 32 - 1),
    rateScale: 1,
    timing: BENCH_TIMING,
    pollMs: 1000,
  };
  return {
    options,
    json: values.json,
    ...(values.out !== undefined ? { out: values.out } : {}),
    help: values.help,
  };
}

type NumericOption =
  | 'functions'
  | 'providers'
  | 'api-budget'
  | 'concurrency'
  | 'cpu-functions'
  | 'cpu-runs'
  | 'drift'
  | 'seed';

function numberIn(name: string, text: string, min: number, max: number, whole: boolean): number {
  const value = Number(text);
  const fits = text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max;
  if (!fits || (whole && !Number.isInteger(value))) {
    const kind = whole ? 'a whole number' : 'a number';
    throw new RangeError(`--${name} must be ${kind} from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
