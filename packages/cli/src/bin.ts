#!/usr/bin/env node
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
// Let stdout and stderr drain, then exit even if a library left a timer or socket behind.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
