#!/usr/bin/env node
// Runs the compiled CLI (npm install builds it: the "prepare" script).
import { main } from '../dist/cli/main.js';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('\nslotcheck: interrupted; finishing the report with the conversations completed so far (Ctrl-C again to quit at once)\n');
  controller.abort(new Error('interrupted'));
});

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
if (interrupted && process.exitCode === 0) process.exitCode = 130;
