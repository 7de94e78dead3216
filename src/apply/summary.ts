import type { Plan } from '../plan/types.js';
import type { ApplyResult, OutcomeStatus } from './types.js';

const STATUSES: readonly OutcomeStatus[] = [
  'applied',
  'unchanged',
  'failed',
  'skipped',
  'suspended',
];

/**
 * The apply summary for people: one line per change that did not stay unchanged (failures with
 * their message and what to do), then a count line. Pure.
 */
export function renderApplySummary(result: ApplyResult): string {
  const lines: string[] = [];
  for (const outcome of result.outcomes) {
    if (outcome.status === 'unchanged') continue;
    const head = `${outcome.status.padEnd(9)} ${outcome.kind} ${outcome.name} (${outcome.action})`;
    if (outcome.error) {
      lines.push(`${head}: ${outcome.error.message}`);
      if (outcome.error.hint) lines.push(`          what to do: ${outcome.error.hint}`);
    } else if (outcome.reason) {
      lines.push(`${head}: ${outcome.reason}`);
    } else {
      lines.push(head);
    }
  }
  const counts = STATUSES.map(
    (status) => `${result.outcomes.filter((o) => o.status === status).length} ${status}`,
  );
  const interrupted = result.interrupted ? ' (interrupted)' : '';
  lines.push(`Apply: ${counts.join(', ')}; ${result.writes} write calls${interrupted}.`);
  return `${lines.join('\n')}\n`;
}

/** True when every change was applied, unchanged or suspended. */
export function applySucceeded(result: ApplyResult): boolean {
  return result.outcomes.every((o) => o.status !== 'failed' && o.status !== 'skipped');
}

/**
 * Whether a plan deletes every resource this controller owns (an empty or mistyped manifest
 * path): true when it has deletes and no owned resource is left standing. Pure.
 */
export function deletesEverything(plan: Plan): boolean {
  const deletes = plan.changes.filter((c) => c.action === 'delete');
  const kept = plan.changes.filter((c) => c.action !== 'delete' && c.action !== 'create');
  return deletes.length > 0 && kept.length === 0;
}

/**
 * The resources in both a saved plan and a fresh one whose live fingerprint differs, as
 * `Kind/name`, sorted. Empty when live state is as the saved plan saw it.
 */
export function staleResources(saved: Plan, fresh: Plan): string[] {
  // A resource in only one of the two plans came or went with the manifests, not with AWS.
  const stale = Object.keys(saved.fingerprints.live).filter(
    (key) =>
      key in fresh.fingerprints.live &&
      saved.fingerprints.live[key] !== fresh.fingerprints.live[key],
  );
  return stale.sort();
}
