// The controller under benchmark, in a process of its own so that its peak RSS is its own: the
// benchmark's process holds the sandbox (the simulated account) and the harness. It runs the
// compiled controller from dist/, as `lmi run` does in production, without a TypeScript loader.
//
// Protocol over the IPC channel (one request at a time):
//   { type: 'start', setup } -> { type: 'ready', rssMiB }
//   { type: 'pass' }         -> { type: 'pass', wallMs, calls, changes, failures, failureSamples }
//   { type: 'finish' }       -> { type: 'finished', peakRssMiB, throttled }, then exit
// A failure to start or to run replies { type: 'error', message } and exits 1.
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createAwsClients } from '../../dist/aws/clients.js';
import { QUOTA_POOLS } from '../../dist/aws-model/quota-pools.js';
import { createPlanJudge } from '../../dist/controller/judge.js';
import { Reconciler } from '../../dist/controller/reconciler.js';
import { formatProblem } from '../../dist/manifests/problems.js';

const rssMiB = () => process.resourceUsage().maxRSS / 1024;

let reconciler;
let recorder;

function poolCalls() {
  return Object.fromEntries(QUOTA_POOLS.map((pool) => [pool, recorder.callsIn(pool)]));
}

function start(setup) {
  const logger = pino({ level: 'silent' });
  const clients = createAwsClients(
    { region: setup.region, endpoint: setup.endpoint, credentials: setup.credentials },
    { apiShare: setup.apiShare, logger },
  );
  recorder = clients.recorder;
  reconciler = new Reconciler({
    paths: setup.paths,
    controllerId: setup.controllerId,
    clients,
    logger,
    deepIntervalMs: setup.deepIntervalMs,
    judge: createPlanJudge(logger, setup.controllerId),
    waits: { pollMs: setup.pollMs, timeoutMs: setup.timeoutMs },
    applyConcurrency: setup.applyConcurrency,
  });
  return { type: 'ready', rssMiB: rssMiB() };
}

async function pass() {
  const before = poolCalls();
  const started = performance.now();
  const result = await reconciler.runPass({ mode: 'apply' });
  const wallMs = performance.now() - started;
  const after = poolCalls();
  const unfinished = (result.apply?.outcomes ?? []).filter(
    (o) => o.status === 'failed' || o.status === 'skipped',
  );
  const failureSamples = unfinished.map(
    (o) => `${o.kind}/${o.name}: ${o.error?.message ?? o.reason ?? ''}`,
  );
  if (result.error) failureSamples.push(`pass: ${result.error.message}`);
  if (result.blocked) failureSamples.push('pass: blocked by a guardrail');
  failureSamples.push(...result.manifestProblems.map(formatProblem));
  return {
    type: 'pass',
    wallMs,
    calls: Object.fromEntries(QUOTA_POOLS.map((pool) => [pool, after[pool] - before[pool]])),
    changes: (result.plan?.changes ?? []).filter((c) => c.action !== 'noop').length,
    failures:
      unfinished.length +
      (result.blocked ? 1 : 0) +
      (result.error ? 1 : 0) +
      result.manifestProblems.length,
    failureSamples: failureSamples.slice(0, 5),
  };
}

process.on('message', (message) => {
  const reply = async () => {
    if (message.type === 'start') return start(message.setup);
    if (message.type === 'pass') return pass();
    if (message.type === 'finish') {
      return { type: 'finished', peakRssMiB: rssMiB(), throttled: recorder.snapshot().throttled };
    }
    throw new Error(`unknown request ${String(message.type)}`);
  };
  reply().then(
    (answer) => {
      process.send(answer, () => {
        if (answer.type === 'finished') process.exit(0);
      });
    },
    (error) => {
      process.send({ type: 'error', message: String(error?.stack ?? error) }, () =>
        process.exit(1),
      );
    },
  );
});
