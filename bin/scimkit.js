#!/usr/bin/env node
// The compiled CLI (npm install builds it); see src/cli/main.ts.
import { main } from '../dist/src/cli/main.js';

// Node's warnings (a library's listeners, a deprecation) are for developers, not a user's stderr, which gets one
// line per error; SCIMKIT_DEBUG=1 shows them.
if (!process.env.SCIMKIT_DEBUG) process.removeAllListeners('warning');

// A reader that stops early (`scimkit list | head`) closes stdout: the rest of what it would have read is dropped,
// and the command goes on to its end, so that a run still cleans up what it created.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await main();
