import { relative } from 'node:path';
import { Document, Scalar, YAMLMap, YAMLSeq, visit } from 'yaml';
import { harnessFile } from '../core/assets.js';

/** The first comment line of a scenario file: points editors at the JSON Schema, from wherever the file is. */
function schemaComment(fileDir: string): string {
  const schema = relative(fileDir, harnessFile('schemas/scenario.schema.json')).split('\\').join('/');
  return `# yaml-language-server: $schema=${schema}`;
}

/** Keys whose values read best on one line, as in the hand-written scenarios. */
const FLOW_KEYS = new Set(['goal', 'volunteer', 'tags', 'args']);

/**
 * A scenario as YAML that reads like a hand-written one: the schema comment,
 * then `comments` (each a line), then the fields in the order given; goals,
 * lists and corrections on one line; times quoted ("19:30"), so no YAML 1.1
 * reader takes them for numbers. `placeholders` are commented-out lines
 * appended under the top-level key they belong to (what could not be
 * inferred), never values.
 */
export function scenarioYaml(data: Record<string, unknown>, options: { dir: string; comments?: string[]; placeholders?: Record<string, string[]> }): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key instanceof Scalar ? String(pair.key.value) : '';
      if (FLOW_KEYS.has(key) && (pair.value instanceof YAMLMap || pair.value instanceof YAMLSeq)) pair.value.flow = true;
      // A list of corrections, or of an action's tool mocks: one item a line.
      if (key === 'corrections' && pair.value instanceof YAMLSeq) flowItems(pair.value);
      if (key === 'toolMocks' && pair.value instanceof YAMLMap) for (const mocks of pair.value.items) if (mocks.value instanceof YAMLSeq) flowItems(mocks.value);
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && /^\d{1,2}:\d{2}(:\d{2})?$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  let body = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  for (const [key, lines] of Object.entries(options.placeholders ?? {})) body = withPlaceholders(body, key, lines);
  return [schemaComment(options.dir), ...(options.comments ?? []).map((c) => `# ${c}`), body].join('\n');
}

/** Inserts commented lines at the end of a top-level key's block (or at the end, for a key not in the file). */
function withPlaceholders(yaml: string, key: string, lines: string[]): string {
  if (lines.length === 0) return yaml;
  const rows = yaml.replace(/\n$/, '').split('\n');
  const start = rows.findIndex((r) => r.startsWith(`${key}:`));
  const comment = lines.map((l) => (start < 0 ? `# ${l}` : `  # ${l}`));
  if (start < 0) return `${[...rows, ...comment].join('\n')}\n`;
  let end = start + 1;
  while (end < rows.length && /^\s/.test(rows[end]!)) end += 1;
  rows.splice(end, 0, ...comment);
  return `${rows.join('\n')}\n`;
}

function flowItems(seq: YAMLSeq): void {
  for (const item of seq.items) if (item instanceof YAMLMap) item.flow = true;
}
