import type { GuardrailManifest } from '../manifests/types.js';

/**
 * True when a guardrail's selector picks an object with these labels: every `matchLabels` entry
 * present with the same value. No selector, or an empty one, picks every object.
 */
export function selects(guardrail: GuardrailManifest, labels: Record<string, string>): boolean {
  const wanted = guardrail.spec.selector?.matchLabels ?? {};
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}
