#!/usr/bin/env node
// The compiled CLI (npm install builds it); see src/cli/main.ts.
import { main } from '../dist/src/cli/main.js';

// Node's warnings (a library's listeners, a deprecation) are for developers, not a user's stderr, which gets one
// line per error; SCIMKIT_DEBUG=1 shows them.
if (!process.env.SCIMKIT_DEBUG) process.removeAllListeners('warning');

process.exitCode = await main();
