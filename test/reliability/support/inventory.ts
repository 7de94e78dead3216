import type { AccountState } from '../../../src/sandbox/account.js';

/** The sandbox's whole account as GET /_sandbox/state dumps it (due transitions applied first). */
export async function inventoryOf(url: string): Promise<AccountState> {
  const response = await fetch(`${url}/_sandbox/state`);
  if (!response.ok) throw new Error(`sandbox state answered ${response.status}`);
  return (await response.json()) as AccountState;
}

/** Every resource of `state` in a transitional state (Pending, InProgress, Deleting ...). */
export function unsettled(state: AccountState): string[] {
  const found: string[] = [];
  for (const provider of Object.values(state.providers)) {
    if (provider.view.State !== 'Active')
      found.push(`provider ${provider.name} ${String(provider.view.State)}`);
  }
  for (const fn of Object.values(state.functions)) {
    const configs = [['$LATEST', fn.latest], ...Object.entries(fn.versions)] as const;
    for (const [qualifier, config] of configs) {
      const settled = ['Active', 'ActiveNonInvocable'].includes(String(config.State));
      if (!settled || config.LastUpdateStatus === 'InProgress') {
        found.push(`function ${fn.name}:${qualifier} ${String(config.State)}`);
      }
    }
  }
  return found;
}

/** The tags of a resource by ARN in `state` ({} when it has none). */
export function tagsOf(state: AccountState, arn: unknown): Record<string, string> {
  return state.tags[String(arn)] ?? {};
}
