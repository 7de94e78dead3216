// `npm run bench`: the benchmark of issue 8 (docs/benchmark.md). Prints a table, or with --json
// one JSON object, on stdout or to --out FILE; progress goes to stderr. Exit codes: 0 every judged
// target met, 2 some target missed, 1 the benchmark could not run or a phase failed.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, type BenchCommand } from './options.js';
import { renderTable } from './render.js';
import { runBenchmark } from './run-benchmark.js';
import { anyMissed, checkResult } from './targets.js';

async function main(): Promise<void> {
  let command: BenchCommand;
  try {
    command = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${errorMessage(error)}\n${USAGE}\n`);
    process.exitCode = 1;
    return;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  buildDist();
  const result = await runBenchmark(command.options, (line) => {
    process.stderr.write(`bench: ${line}\n`);
  });
  const checks = checkResult(result);
  const report = command.json
    ? `${JSON.stringify({ ...result, checks }, null, 2)}\n`
    : renderTable(result, checks);
  if (command.out) writeFileSync(command.out, report);
  else process.stdout.write(report);
  process.exitCode = anyMissed(checks) ? 2 : 0;
}

/**
 * Compiles `dist/`, which the controller's and the CPU figure's processes run, so it matches the
 * sources. Done here rather than in the npm script so that a bad option is reported at once.
 * tsc's output goes to stderr: stdout carries only the report.
 */
function buildDist(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
