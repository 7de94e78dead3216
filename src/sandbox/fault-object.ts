import type { FaultSpec } from './faults.js';

function probability(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0 || value > 1) {
    throw new Error(`${name} must be a number between 0 and 1`);
  }
  return value;
}

/** Checks a JSON value as a FaultSpec; throws an Error naming the bad member. */
export function parseFaultSpecObject(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('fault spec must be an object');
  const record = value as Record<string, unknown>;
  const spec: FaultSpec = {};
  for (const name of ['throttle', 'serverError', 'conflict'] as const) {
    const checked = probability(record[name], name);
    if (checked !== undefined) spec[name] = checked;
  }
  const latency = record.latencyMs;
  if (latency !== undefined) {
    const valid =
      Array.isArray(latency) &&
      latency.length === 2 &&
      latency.every((item) => typeof item === 'number' && item >= 0) &&
      (latency[0] as number) <= (latency[1] as number);
    if (!valid) throw new Error('latencyMs must be [min, max] milliseconds');
    spec.latencyMs = [latency[0] as number, latency[1] as number];
  }
  return spec;
}
