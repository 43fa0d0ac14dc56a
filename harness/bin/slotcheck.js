#!/usr/bin/env node
// Runs the bundled CLI (npm install builds it: the "prepare" script; see bundle.js).
import { main } from '../dist/bundle/main.js';

// Ctrl-C (or a CI cancel's SIGTERM) stops cleanly: conversations in flight are
// dropped, not recorded, and the CLI prints how to resume. A second signal quits at once;
// `--resume` copes with whatever that leaves.
const controller = new AbortController();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\nslotcheck: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; stopping the conversations in flight and writing the report of those completed (${signal === 'SIGINT' ? 'Ctrl-C' : 'the signal'} again to quit at once)\n`);
    controller.abort(new Error('interrupted'));
  });
}

process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
if (interrupted && process.exitCode === 0) process.exitCode = 130;
