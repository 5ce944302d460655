#!/usr/bin/env node
// The compiled CLI (npm install builds it); see src/cli/main.ts.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main();
