// Measures validate + diff of a generated folder in a fresh process, so that the figure is not
// helped or hurt by what the benchmark's process did before (the sandbox, the generator's
// garbage). Usage: node --import tsx validate-diff-process.ts <folder> <controllerId>
// Prints one JSON object: { cold, warm }, each the figures of measureValidateDiff; `cold` is the
// first run (schemas and code not yet warmed up), `warm` a second run in the same process, as a
// daemon's later passes run.
import { measureValidateDiff } from './measure.js';

const [folder, controllerId] = process.argv.slice(2);
if (!folder || !controllerId) {
  process.stderr.write('usage: validate-diff-process.ts <folder> <controllerId>\n');
  process.exit(2);
}
const cold = await measureValidateDiff(folder, controllerId);
const warm = await measureValidateDiff(folder, controllerId);
process.stdout.write(`${JSON.stringify({ cold, warm })}\n`);
