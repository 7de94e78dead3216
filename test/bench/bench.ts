// `npm run bench`: the benchmark of issue 8 (docs/benchmark.md). Prints a table, or with --json
// one JSON object, on stdout or to --out FILE; progress goes to stderr. Exit codes: 0 every judged
// target met, 2 some target missed, 1 the benchmark could not run or a phase failed.
import { writeFileSync } from 'node:fs';
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
