// Validate + diff of a generated folder, measured in a fresh process running the compiled
// controller from dist/ (as `lmi plan` runs it), so that neither the benchmark's earlier phases
// nor a TypeScript loader help or hurt the figure.
//
// Usage: node validate-diff-process.mjs <folder> <live.json> <controllerId>
// <live.json> is the live state to diff against, as { capacityProviders, functions }, each a
// list of [name, resource] entries. Prints one JSON object { cold, warm, yamlParseCpuMs }: the
// figures of the first run (code and schemas not yet warmed up), of a second run in the same
// process (as a daemon's later passes run), and the CPU of the YAML parse alone, timed after
// both. Exits 1 when the folder has manifest problems.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadManifests } from '../../dist/manifests/index.js';
import { parseManifestFile } from '../../dist/manifests/parse.js';
import { makePlan } from '../../dist/plan/make-plan.js';

const [folder, liveFile, controllerId] = process.argv.slice(2);
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const liveJson = JSON.parse(readFileSync(liveFile, 'utf8'));
const live = {
  capacityProviders: new Map(liveJson.capacityProviders),
  functions: new Map(liveJson.functions),
};

async function measure() {
  const wallStart = performance.now();
  const validateStart = process.cpuUsage();
  const loaded = await loadManifests([folder]);
  const validateCpuMs = cpuMs(validateStart);
  if (loaded.problems.length > 0) {
    throw new Error(`generated manifests have ${loaded.problems.length} problems`);
  }
  const codeHashes = new Map(
    loaded.desired.functions.map((f) => [f.metadata.name, f.spec.code.sha256]),
  );
  const diffStart = process.cpuUsage();
  const plan = makePlan({
    desired: loaded.desired,
    live,
    controllerId,
    region: 'us-east-1',
    paths: [folder],
    createdAt: new Date(),
    codeHashes,
  });
  const diffCpuMs = cpuMs(diffStart);
  return {
    functions: loaded.desired.functions.length,
    validateCpuMs,
    diffCpuMs,
    totalCpuMs: validateCpuMs + diffCpuMs,
    wallMs: performance.now() - wallStart,
    summary: plan.summary,
  };
}

/** The loader's YAML parse alone, for context. */
function yamlParseCpuMs() {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ path: join(folder, file), text: readFileSync(join(folder, file), 'utf8') }));
  const started = process.cpuUsage();
  for (const { path, text } of files) {
    parseManifestFile(path, text, { maxDepth: 32, maxAliasCount: 100 });
  }
  return cpuMs(started);
}

try {
  const cold = await measure();
  const warm = await measure();
  process.stdout.write(`${JSON.stringify({ cold, warm, yamlParseCpuMs: yamlParseCpuMs() })}\n`);
} catch (error) {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exitCode = 1;
}
