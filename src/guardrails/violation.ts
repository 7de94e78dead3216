import type { AnyManifest, GuardrailManifest, SourceLocation } from '../manifests/types.js';
import type { Violation } from '../plan/types.js';

/** A path inside a manifest document, as `ManifestSource.locate` takes it. */
export type NodePath = readonly (string | number)[];

/** What a rule reports about one broken constraint; the guardrail fills in the rest. */
export interface Finding {
  kind: Violation['kind'];
  name: string;
  /** The rule as the guardrail spells it (`capacityProviders.maxVCpuCount`). */
  rule: string;
  found: string;
  allowed: string;
  location?: SourceLocation;
}

/** A finding about a field of a manifest object, located at that field (or its nearest parent). */
export function findingAt(
  object: AnyManifest,
  path: NodePath,
  details: Pick<Finding, 'rule' | 'found' | 'allowed'>,
): Finding {
  const kind = object.kind === 'Guardrail' ? 'Plan' : object.kind;
  return { kind, name: object.metadata.name, location: object.source.locate(path), ...details };
}

/** Turns a guardrail's findings into violations carrying its name and enforcement. */
export function violationsOf(guardrail: GuardrailManifest, findings: Finding[]): Violation[] {
  return findings.map((finding) => ({
    guardrail: guardrail.metadata.name,
    enforcement: guardrail.spec.enforcement,
    ...finding,
  }));
}

/** Formats a list for a reader: `a, b and c`. */
export function listOf(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join('');
  return `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
}
