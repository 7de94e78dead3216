import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { applyPlan, type ApplyContext } from '../../src/apply/executor.js';
import type { ApplyResult } from '../../src/apply/types.js';
import { planCapacityProviders } from '../../src/kinds/capacity-provider/plan.js';
import { readCapacityProviders } from '../../src/kinds/capacity-provider/read.js';
import { buildZipPackage, type ZipPackage } from '../../src/kinds/function/code-package.js';
import { publishModeOf } from '../../src/kinds/function/compare.js';
import { planFunctions } from '../../src/kinds/function/plan.js';
import { readFunctions } from '../../src/kinds/function/read.js';
import type { LiveState } from '../../src/kinds/live-state.js';
import { loadManifests } from '../../src/manifests/index.js';
import type { DesiredState } from '../../src/manifests/types.js';
import { ACTIONS, type Plan } from '../../src/plan/types.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

export const CONTROLLER_ID = 'lmi-test';
export const EXAMPLES = resolve(import.meta.dirname, '../../manifests/examples');

/** Sandbox delays short enough for tests, long enough that every wait is exercised. */
export const TEST_TIMING = {
  providerActivationMs: 120,
  providerDeletionMs: 80,
  functionActivationMs: 60,
  functionUpdateMs: 80,
  publishMs: 100,
  functionDeletionMs: 60,
};

/** A sandbox and paced clients pointed at it. */
export interface Harness {
  sandbox: RunningSandbox;
  clients: AwsClients;
  close(): Promise<void>;
}

const logger = pino({ level: 'silent' });

/** Starts an in-process sandbox with fast timing and clients at a 50% API budget. */
export async function startHarness(): Promise<Harness> {
  const sandbox = await startSandbox({ timing: TEST_TIMING, rateScale: 20, randomSeed: 11 });
  const clients = freshClients(sandbox);
  return {
    sandbox,
    clients,
    close: async () => {
      clients.lambda.destroy();
      clients.ec2.destroy();
      await sandbox.close();
    },
  };
}

/** New clients (own pacer and counters) for the sandbox. */
export function freshClients(sandbox: RunningSandbox): AwsClients {
  return createAwsClients(
    {
      region: sandbox.region,
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    },
    { apiShare: 0.5, logger },
  );
}

/** What a test plan was made from. */
export interface Planned {
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
  packages: Map<string, ZipPackage>;
}

/**
 * Loads manifests, reads the sandbox and plans, the way `lmi plan` does (without guardrails).
 * Throws when the manifests have problems.
 */
export async function planNow(paths: string[], clients: AwsClients): Promise<Planned> {
  const { desired, problems } = await loadManifests(paths);
  if (problems.length > 0) throw new Error(`manifest problems: ${JSON.stringify(problems)}`);
  const packages = new Map<string, ZipPackage>();
  for (const fn of desired.functions) {
    const code = fn.spec.code;
    if ('zipFile' in code) {
      packages.set(
        fn.metadata.name,
        await buildZipPackage(resolve(fn.source.baseDir, code.zipFile)),
      );
    }
  }

  const byName = new Map(desired.functions.map((fn) => [fn.metadata.name, fn]));
  const live: LiveState = {
    capacityProviders: await readCapacityProviders(clients, { logger }),
    functions: await readFunctions(clients, {
      logger,
      needs: (name) => {
        const fn = byName.get(name);
        if (!fn) return undefined;
        return {
          publish: publishModeOf(fn),
          aliases: fn.spec.aliases !== undefined,
          scaling: fn.spec.scalingConfig !== undefined,
          versions: fn.spec.versionRetention !== undefined,
        };
      },
    }),
  };

  const providers = planCapacityProviders(
    desired.capacityProviders,
    live.capacityProviders,
    CONTROLLER_ID,
  );
  const replaced = new Set(
    providers.changes.filter((c) => c.action === 'replace').map((c) => c.name),
  );
  const functions = planFunctions(desired.functions, live.functions, {
    controllerId: CONTROLLER_ID,
    codeHashes: new Map(
      desired.functions.map((fn) => {
        const code = fn.spec.code;
        const hash =
          'zipFile' in code
            ? packages.get(fn.metadata.name)?.sha256
            : 'sha256' in code
              ? code.sha256
              : undefined;
        return [fn.metadata.name, hash];
      }),
    ),
    replacedProviders: replaced,
  });
  const changes = [...providers.changes, ...functions.changes];
  const summary = Object.fromEntries(
    ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length]),
  );
  const plan: Plan = {
    formatVersion: 1,
    controllerId: CONTROLLER_ID,
    region: clients.region,
    createdAt: new Date().toISOString(),
    paths,
    summary: summary as Plan['summary'],
    changes,
    violations: [],
    errors: [...providers.errors, ...functions.errors],
    cost: [],
    fingerprints: { desired: 'test', live: {} },
  };
  return { desired, live, plan, packages };
}

/** Plans and applies `paths` against the harness, with fast waits and a short retry deadline. */
export async function planAndApply(
  paths: string[],
  clients: AwsClients,
  overrides: Partial<ApplyContext> = {},
): Promise<{ planned: Planned; result: ApplyResult }> {
  const planned = await planNow(paths, clients);
  const result = await applyPlan(planned.plan, {
    clients,
    logger,
    controllerId: CONTROLLER_ID,
    desired: planned.desired,
    live: planned.live,
    codePackage: (name) => Promise.resolve(planned.packages.get(name)),
    waits: { pollMs: 50, timeoutMs: 20_000 },
    retry: { deadlineMs: 10_000, minBackoffMs: 50, maxBackoffMs: 500 },
    ...overrides,
  });
  return { planned, result };
}

/** The changes of a plan that are not noop, as `Kind/name action`. */
export function pending(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.action !== 'noop')
    .map((c) => `${c.kind}/${c.name} ${c.action}`);
}

/**
 * A copy of the examples in a temporary folder, with aliases pinned to numbered versions moved to
 * Latest: a pinned version does not exist in an empty account, so the originals cannot converge
 * from empty. Returns the folder; the caller removes it.
 */
export function examplesCopy(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lmi-apply-'));
  cpSync(EXAMPLES, folder, { recursive: true });
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.yaml')) continue;
    const path = join(folder, file);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(/functionVersion: \d+/g, 'functionVersion: Latest'),
    );
  }
  return folder;
}
