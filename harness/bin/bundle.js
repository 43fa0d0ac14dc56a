#!/usr/bin/env node
// `npm run build`, after tsc: bundles the compiled CLI into harness/dist/bundle/ with esbuild.
// Node's ES module loader resolves, reads and links each of the ~200 files of the CLI and its
// dependencies one by one, which made start-up most of a short run; one bundle (commands split
// into chunks, still loaded only when used) starts in about half the time.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
// Chunk names carry content hashes: start empty, or old chunks pile up.
rmSync(`${dist}bundle`, { recursive: true, force: true });
await build({
  entryPoints: { main: `${dist}cli/main.js` },
  outdir: `${dist}bundle`,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS dependencies (handlebars, xmlbuilder2) call require, which an ES module has not got.
  banner: { js: "import { createRequire as __slotcheckRequire } from 'node:module'; const require = __slotcheckRequire(import.meta.url);" },
});
