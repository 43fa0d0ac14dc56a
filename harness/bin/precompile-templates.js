#!/usr/bin/env node
// `npm run build`, after tsc: compiles harness/templates/*.hbs ahead of time into
// harness/dist/precompiled-templates.json, keyed by content (see core/precompiled-templates.ts).
// HTML templates are compiled escaped, the others (Markdown, prompts) raw, as they are used.
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRECOMPILED_FILE, templateKey } from '../dist/core/precompiled-templates.js';
import { writeFileAtomic } from '../dist/core/files.js';

const harness = fileURLToPath(new URL('../', import.meta.url));
const table = {};
for (const name of readdirSync(`${harness}templates`).filter((n) => n.endsWith('.hbs')).sort()) {
  const source = readFileSync(`${harness}templates/${name}`, 'utf8');
  const noEscape = !name.endsWith('.html.hbs');
  table[templateKey(source, noEscape)] = Handlebars.precompile(source, { strict: true, noEscape });
}
await writeFileAtomic(`${harness}${PRECOMPILED_FILE}`, JSON.stringify(table));
