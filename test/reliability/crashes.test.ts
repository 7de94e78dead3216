import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
  type ExpectStatic,
  type TestContext,
} from 'vitest';
import type { SandboxStats } from '../../src/sandbox/index.js';
import { CONTROLLER_ID, pending, planNow } from '../apply/harness.js';
import { fleetNames, seededRandom, writeFleet } from './support/fleet.js';
import { inventoryOf, tagsOf, unsettled } from './support/inventory.js';
import {
  clientsAt,
  spawnCli,
  startSandboxProcess,
  type SandboxProcess,
} from './support/processes.js';

const SHAPE = { providers: 2, functions: 5, seed: 77 };
const KILL_POINTS = 20;
// Every fifth point also kills the sandbox process and restarts it from its state file.
const SANDBOX_RESTART_EVERY = 5;
const LANES = 4;
const SANDBOX_ARGS = ['--rate-scale', '20', '--timing-scale', '0.1'];

/** One kill point: after the `writes`-th successful write, plus a little more time. */
interface KillPoint {
  index: number;
  writes: number;
  extraMs: number;
}

function killPoints(totalWrites: number): KillPoint[] {
  const random = seededRandom(20_260_901);
  return Array.from({ length: KILL_POINTS }, (_, index) => ({
    index,
    writes: 1 + Math.floor(random() * Math.max(1, totalWrites - 1)),
    extraMs: Math.floor(random() * 150),
  }));
}

async function statsOf(url: string): Promise<SandboxStats> {
  return (await (await fetch(`${url}/_sandbox/stats`)).json()) as SandboxStats;
}

/** SIGKILLs `child` once the sandbox has seen `point.writes` writes and `point.extraMs` passed. */
async function killAt(child: ChildProcess, url: string, point: KillPoint): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    if ((await statsOf(url)).writes >= point.writes) {
      await sleep(point.extraMs);
      child.kill('SIGKILL');
      return;
    }
    await sleep(5);
  }
}

function applyArgs(url: string, folder: string): string[] {
  return [
    '--endpoint',
    url,
    '--region',
    'us-east-1',
    '--controller-id',
    CONTROLLER_ID,
    '--log-level',
    'silent',
    'apply',
    folder,
    '--yes',
  ];
}

/** A sandbox process of its own for points run side by side, and where it keeps its state. */
interface Lane {
  sandbox: SandboxProcess;
  stateFile: string;
}

/** Hands lanes to concurrent tests one at a time each; a test waits when all are taken. */
class LanePool {
  private readonly waiting: ((lane: Lane) => void)[] = [];
  constructor(readonly lanes: Lane[]) {}

  async take(): Promise<Lane> {
    const free = this.lanes.pop();
    return free ?? new Promise((resolve) => this.waiting.push(resolve));
  }

  give(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.lanes.push(lane);
  }
}

async function startLane(stateFile: string): Promise<Lane> {
  return { sandbox: await startSandboxProcess([...SANDBOX_ARGS, '--state', stateFile]), stateFile };
}

/** Kills the lane's sandbox process outright and starts a new one on the same state file. */
async function restartFromState(lane: Lane): Promise<void> {
  lane.sandbox.child.kill('SIGKILL');
  await lane.sandbox.stop();
  lane.sandbox = (await startLane(lane.stateFile)).sandbox;
}

// Waits dominate an apply (the CLI polls every 2 s), so points run side by side on lanes.
describe.concurrent('an apply process killed with SIGKILL and run again', () => {
  let folder: string;
  let stateDir: string;
  let lanes: Lane[] = [];
  let pool: LanePool;
  let points: KillPoint[] = [];

  beforeAll(async () => {
    folder = writeFleet(SHAPE);
    stateDir = mkdtempSync(join(tmpdir(), 'lmi-crash-'));
    lanes = await Promise.all(
      Array.from({ length: LANES }, (_, i) => startLane(join(stateDir, `state-${i}.json`))),
    );
    pool = new LanePool([...lanes]);
    // Calibrate: how many writes one uninterrupted apply from empty makes.
    const url = lanes[0]!.sandbox.url;
    const full = await spawnCli(applyArgs(url, folder));
    expect(full.code, full.stderr).toBe(0);
    points = killPoints((await statsOf(url)).writes);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(lanes.map((lane) => lane.sandbox.stop()));
    rmSync(folder, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it.for(Array.from({ length: KILL_POINTS }, (_, index) => index))(
    'converges with no duplicate, orphan or Pending resource after kill point %i',
    { timeout: 120_000 },
    async (index: number, { expect }: TestContext) => {
      const point = points[index]!;
      const lane = await pool.take();
      try {
        await fetch(`${lane.sandbox.url}/_sandbox/reset`, { method: 'POST' });
        const killed = await spawnCli(applyArgs(lane.sandbox.url, folder), {
          onSpawn: (child) => void killAt(child, lane.sandbox.url, point),
        });
        const where = `kill after write ${point.writes} + ${point.extraMs} ms`;
        if (index % SANDBOX_RESTART_EVERY === SANDBOX_RESTART_EVERY - 1) {
          await restartFromState(lane);
        }
        const rerun = await spawnCli(applyArgs(lane.sandbox.url, folder));
        const first = `first run: ${String(killed.code ?? killed.signal)}`;
        expect(rerun.code, `${where} (${first})\n${rerun.stderr}`).toBe(0);
        await expectConverged(lane.sandbox.url, folder, where, expect);
      } finally {
        pool.give(lane);
      }
    },
  );
});

/** The account at `url` is exactly the fleet: nothing to plan, missing, extra, untagged or Pending. */
async function expectConverged(
  url: string,
  folder: string,
  where: string,
  expect: ExpectStatic,
): Promise<void> {
  const clients = clientsAt(url);
  try {
    const again = await planNow([folder], clients);
    expect(pending(again.plan), where).toEqual([]);
    const state = await inventoryOf(url);
    const names = fleetNames(SHAPE);
    expect(Object.keys(state.providers).sort(), where).toEqual(names.providers);
    expect(Object.keys(state.functions).sort(), where).toEqual(names.functions);
    expect(unsettled(state), where).toEqual([]);
    const arns = [
      ...Object.values(state.providers).map((p) => p.view.CapacityProviderArn),
      ...Object.values(state.functions).map((f) => f.latest.FunctionArn),
    ];
    for (const arn of arns) {
      expect(tagsOf(state, arn)['lmi:managed-by'], where).toBe(CONTROLLER_ID);
    }
    for (const manifest of again.desired.functions) {
      const versions = Object.keys(state.functions[manifest.metadata.name]!.versions);
      const what = `${where}: ${manifest.metadata.name} has versions ${versions.join(',')}`;
      expect(versions.length, what).toBe(manifest.spec.publish === 'None' ? 0 : 1);
    }
  } finally {
    clients.lambda.destroy();
    clients.ec2.destroy();
  }
}
