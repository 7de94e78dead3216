import type { Plan } from '../types.js';

/** The summary line of a plan with nothing to do. */
export const NO_CHANGES = 'No changes. Live state matches the manifests.';

/**
 * The one-line summary every format shows, from `plan.summary`:
 * `Plan: 2 to create, 1 to update, 0 to replace, 1 to delete.`, with `, 1 to adopt` before the
 * period only when adopts are planned, or NO_CHANGES when nothing but noops is planned.
 */
export function summaryLine(plan: Plan): string {
  if (!hasChanges(plan)) return NO_CHANGES;

  const { create, update, replace, delete: deletes, adopt } = plan.summary;
  const adopts = adopt > 0 ? `, ${adopt} to adopt` : '';
  return (
    `Plan: ${create} to create, ${update} to update, ${replace} to replace, ` +
    `${deletes} to delete${adopts}.`
  );
}

/** True when the plan would change anything (any action but noop counted in its summary). */
export function hasChanges(plan: Plan): boolean {
  const { create, update, replace, delete: deletes, adopt } = plan.summary;
  return create + update + replace + deletes + adopt > 0;
}

/** The number of guardrail violations that stop plan and apply. */
export function blockingCount(plan: Plan): number {
  return plan.violations.filter((violation) => violation.enforcement === 'Block').length;
}
