/** Faults to inject: probabilities (0..1) per call, and a latency range in ms. */
export interface FaultSpec {
  throttle?: number;
  serverError?: number;
  /** Only on writes. */
  conflict?: number;
  latencyMs?: [number, number];
}

/** The fault chosen for one call, if any. */
export type InjectedFault = 'throttle' | 'serverError' | 'unavailable' | 'conflict' | undefined;

const KEYS: Record<string, 'throttle' | 'serverError' | 'conflict'> = {
  throttle: 'throttle',
  error: 'serverError',
  servererror: 'serverError',
  conflict: 'conflict',
};

/**
 * Parses `throttle=0.2,error=0.05,conflict=0.1,latency=5-50` (any subset, any order). Throws an
 * Error naming the bad part for unknown keys, probabilities outside 0..1 or a malformed range.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [rawKey = '', value = ''] = part.split('=', 2).map((item) => item.trim());
    const key = rawKey.toLowerCase();
    if (key === 'latency') {
      spec.latencyMs = parseRange(value, part);
      continue;
    }
    const field = KEYS[key];
    const probability = Number(value);
    if (!field) throw new Error(`unknown fault "${rawKey}" in "${part}"`);
    if (value === '' || !(probability >= 0 && probability <= 1)) {
      throw new Error(`fault probability must be between 0 and 1 in "${part}"`);
    }
    spec[field] = probability;
  }
  return spec;
}

function parseRange(value: string, part: string): [number, number] {
  const [low = NaN, high = low] = value.split('-').map((item) => Number(item));
  if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high < low) {
    throw new Error(`latency must be MIN-MAX milliseconds in "${part}"`);
  }
  return [low, high];
}

/** A small seeded PRNG (mulberry32): fault tests must be reproducible, Math.random is not. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the fault for one call: throttle first, then server error (half 500, half 503), conflict.
 */
export function drawFault(spec: FaultSpec, write: boolean, random: () => number): InjectedFault {
  if (spec.throttle && random() < spec.throttle) return 'throttle';
  if (spec.serverError && random() < spec.serverError) {
    return random() < 0.5 ? 'serverError' : 'unavailable';
  }
  if (write && spec.conflict && random() < spec.conflict) return 'conflict';
  return undefined;
}

/** The added latency for one call, in ms (0 without a latency range). */
export function drawLatency(spec: FaultSpec, random: () => number): number {
  if (!spec.latencyMs) return 0;
  const [low, high] = spec.latencyMs;
  return low + Math.floor(random() * (high - low + 1));
}
