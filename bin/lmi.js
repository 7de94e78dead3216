#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).

// The AWS SDK warns on every start that its 2027 releases need Node 22; the lockfile pins a
// release that supports this Node, so the warning only buries the command's own output.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning') return;
  emitWarning(warning, ...rest);
};

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
