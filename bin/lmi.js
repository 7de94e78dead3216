#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).

// The AWS SDK warns on every start that its 2027 releases need Node 22. The lockfile pins a
// release that supports this Node, so the SDK's own switch turns the warning off unless set.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
