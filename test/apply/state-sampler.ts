import type { AccountState } from '../../src/sandbox/account.js';

/** What a sampler saw while it ran. */
export interface Sampled {
  samples: number;
  /** `function -> provider ARN` bindings seen while no provider of that ARN existed. */
  orphanBindings: string[];
}

/**
 * Reads the sandbox's whole state (GET /_sandbox/state, never counted nor rate-limited) every
 * few milliseconds until stopped, recording every function version bound to a capacity provider
 * that did not exist at that moment. Polling is the only way to see the in-between states of an
 * apply from outside without reaching into the executor.
 */
export function sampleBindings(url: string, everyMs = 5): { stop(): Promise<Sampled> } {
  const seen: Sampled = { samples: 0, orphanBindings: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const state = (await (await fetch(`${url}/_sandbox/state`)).json()) as AccountState;
      seen.samples += 1;
      for (const binding of orphansIn(state)) {
        if (!seen.orphanBindings.includes(binding)) seen.orphanBindings.push(binding);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seen;
    },
  };
}

function orphansIn(state: AccountState): string[] {
  const providerArns = new Set(
    Object.values(state.providers).map((p) => String(p.view.CapacityProviderArn)),
  );
  const orphans: string[] = [];
  for (const fn of Object.values(state.functions)) {
    for (const config of [fn.latest, ...Object.values(fn.versions)]) {
      const arn = boundArn(config);
      if (arn && !providerArns.has(arn)) orphans.push(`${fn.name} -> ${arn}`);
    }
  }
  return orphans;
}

function boundArn(config: Record<string, unknown>): string | undefined {
  const binding = config.CapacityProviderConfig as
    { LambdaManagedInstancesCapacityProviderConfig?: { CapacityProviderArn?: string } } | undefined;
  return binding?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn;
}
