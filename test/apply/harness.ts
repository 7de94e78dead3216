import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { applyPlan, type ApplyContext } from '../../src/apply/executor.js';
import type { ApplyResult } from '../../src/apply/types.js';
import { type ZipPackage } from '../../src/kinds/function/code-package.js';
import type { LiveState } from '../../src/kinds/live-state.js';
import type { DesiredState } from '../../src/manifests/types.js';
import type { Plan } from '../../src/plan/types.js';
import { preparePlan } from '../../src/controller/prepare-plan.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { manifestFolder, type ManifestFolder } from './manifests.js';

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

/** Plans the way `lmi plan` does (without guardrails). Throws when the manifests have problems. */
export async function planNow(paths: string[], clients: AwsClients): Promise<Planned> {
  const prepared = await preparePlan({ paths, controllerId: CONTROLLER_ID, clients, logger });
  const { desired, live, plan, code } = prepared;
  if (!desired || !live || !plan || !code) {
    throw new Error(`manifest problems: ${JSON.stringify(prepared.problems)}`);
  }
  return { desired, live, plan, packages: code.packages };
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

/** What one describe block's tests share; read it in tests and hooks, not at describe time. */
export interface HarnessFixture<Folder> {
  /** The block's sandbox and the clients made with it. */
  readonly harness: Harness;
  /** Where the block's manifests are. */
  readonly folder: Folder;
  /** New clients (own pacer and counters) for the block's sandbox. */
  clients(): AwsClients;
}

/**
 * Gives the enclosing describe block a harness and an empty manifest folder: registers a beforeAll
 * that starts them and an afterAll that removes the folder and closes the harness. The fixture's
 * fields throw when read before that beforeAll has run.
 */
export function useHarnessWithFolder(): HarnessFixture<ManifestFolder> {
  return useHarness(manifestFolder, (folder) => folder.remove());
}

/**
 * Like useHarnessWithFolder, with a fresh examplesCopy() as the folder: `folder` is its path,
 * removed in the afterAll.
 */
export function useHarnessWithExamples(): HarnessFixture<string> {
  return useHarness(examplesCopy, (folder) => rmSync(folder, { recursive: true, force: true }));
}

/** The lifecycle both share: the folder is made once the harness runs, removed before it closes. */
function useHarness<Folder>(
  createFolder: () => Folder,
  removeFolder: (folder: Folder) => void,
): HarnessFixture<Folder> {
  let started: { harness: Harness; folder: Folder } | undefined;
  beforeAll(async () => {
    const harness = await startHarness();
    started = { harness, folder: createFolder() };
  });
  afterAll(async () => {
    if (!started) return;
    removeFolder(started.folder);
    await started.harness.close();
  });

  const current = () => {
    if (!started) throw new Error('the harness fixture is read before its beforeAll has run');
    return started;
  };
  return {
    get harness() {
      return current().harness;
    },
    get folder() {
      return current().folder;
    },
    clients: () => freshClients(current().harness.sandbox),
  };
}
