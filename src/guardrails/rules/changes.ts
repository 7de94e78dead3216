import type { ChangeRules } from '../../manifests/generated/manifest-types.js';
import type { GuardrailManifest } from '../../manifests/types.js';
import type { Change } from '../../plan/types.js';
import { matchesPattern } from '../instance-types.js';
import { listOf, type Finding } from '../violation.js';

/**
 * The changes an apply would destroy a resource with: deletes and replaces, except those held
 * back (suspended) and retained deletes, which drop ownership and leave the resource in place.
 */
export function destructiveChanges(changes: readonly Change[]): Change[] {
  return changes.filter((change) => {
    if (change.suspended === true) return false;
    if (change.action === 'replace') return true;
    return change.action === 'delete' && change.retain !== true;
  });
}

/** The findings of a guardrail's `changes` rules on the plan as a whole. Pure. */
export function checkChanges(
  rules: ChangeRules,
  guardrail: GuardrailManifest,
  changes: readonly Change[],
): Finding[] {
  const destructive = destructiveChanges(changes);
  return [
    ...checkDeleteCount(rules, guardrail, destructive),
    ...checkProtected(rules, guardrail, destructive),
  ];
}

function checkDeleteCount(
  rules: ChangeRules,
  guardrail: GuardrailManifest,
  destructive: readonly Change[],
): Finding[] {
  const limit = rules.maxDeletesPerApply;
  if (limit === undefined || destructive.length <= limit) return [];

  const listed = destructive.map((change) => `${change.kind}/${change.name} (${change.action})`);
  return [
    {
      kind: 'Plan',
      name: 'this apply',
      rule: 'changes.maxDeletesPerApply',
      found: `${destructive.length} deletes or replaces: ${listOf(listed)}`,
      allowed: `at most ${limit} deletes or replaces per apply`,
      location: guardrail.source.locate(['spec', 'changes', 'maxDeletesPerApply']),
    },
  ];
}

function checkProtected(
  rules: ChangeRules,
  guardrail: GuardrailManifest,
  destructive: readonly Change[],
): Finding[] {
  const names = rules.protected ?? [];
  return destructive.flatMap((change) => {
    const index = names.findIndex((pattern) => matchesPattern(pattern, change.name));
    const entry = names[index];
    if (entry === undefined) return [];

    // A delete of an undeclared resource has no manifest: point at the guardrail's entry.
    const location =
      change.source ?? guardrail.source.locate(['spec', 'changes', 'protected', index]);
    const reason = change.reason === undefined ? '' : ` (${change.reason})`;
    return [
      {
        kind: change.kind,
        name: change.name,
        rule: 'changes.protected',
        found: `${change.action}${reason}`,
        allowed: `never deleted or replaced (protected by "${entry}")`,
        location,
      },
    ];
  });
}
