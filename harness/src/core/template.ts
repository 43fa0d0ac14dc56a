import Handlebars from 'handlebars';
import { SlotcheckError } from './errors.js';
import { precompiledSpec } from './precompiled-templates.js';
import { markdownCode, markdownText } from './visible-text.js';

/**
 * Compiles a Handlebars template once with `strict: true`, so a misspelt
 * variable is an error rather than an empty string. Prompt templates use
 * `noEscape` (they are not HTML); report templates keep escaping on.
 */
export function compileTemplate(source: string, file: string, options: { noEscape: boolean }): (context: object) => string {
  const handlebars = Handlebars.create();
  registerHelpers(handlebars);
  let template: Handlebars.TemplateDelegate;
  try {
    const spec = precompiledSpec(source, options.noEscape);
    template = spec ? handlebars.template(spec as Parameters<typeof handlebars.template>[0]) : handlebars.compile(source, { strict: true, noEscape: options.noEscape });
  } catch (error) {
    throw templateError(error, file, source);
  }
  return (context: object) => {
    try {
      return template(context);
    } catch (error) {
      throw templateError(error, file, source);
    }
  };
}

function registerHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
  handlebars.registerHelper('join', (value: unknown, separator: unknown) =>
    Array.isArray(value) ? value.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('percent', (part: unknown, whole: unknown) =>
    typeof part === 'number' && typeof whole === 'number' && whole > 0 ? `${Math.round((100 * part) / whole)} %` : '–',
  );
  // Markdown from transcripts: a pipe or newline would break a table, raw HTML would render on code hosts.
  handlebars.registerHelper('cell', (value: unknown) => markdownText(value));
  handlebars.registerHelper('code', (value: unknown) => markdownCode(value));
}

function templateError(error: unknown, file: string, source: string): SlotcheckError {
  const message = error instanceof Error ? error.message : String(error);
  const found = /on line (\d+)/.exec(message)?.[1] ?? / - (\d+):\d+$/.exec(message)?.[1] ?? partialLine(message, source);
  // An unclosed block is found at the end of the file: name the last line with text.
  const line = found === undefined ? undefined : String(Math.min(Number(found), source.trimEnd().split('\n').length));
  const summary = summarise(message);
  return new SlotcheckError('TEMPLATE_INVALID', `${file}:${line ?? 1}: template error: ${summary}`, {
    location: { file, line: line ? Number(line) : 1 },
    cause: error,
  });
}

/** The useful line of a Handlebars error: its parser says "Parse error on line N:" first and what it expected last. */
function summarise(message: string): string {
  const lines = message.split('\n');
  const first = (lines[0] ?? message).replace(/ in \[object Object\]/, '').replace(/ - \d+:\d+$/, '');
  if (!first.startsWith('Parse error')) return first;
  const last = lines.at(-1) ?? '';
  return /got 'EOF'/.test(last) ? 'the template ends inside a block or tag: a {{#…}} is not closed' : `syntax error: ${last}`;
}

/** A missing partial is found at render time, and Handlebars does not say where: the source does. */
function partialLine(message: string, source: string): string | undefined {
  const name = /The partial (\S+) could not be found/.exec(message)?.[1];
  if (!name) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const index = source.search(new RegExp(`\\{\\{~?#?>\\s*${escaped}\\b`));
  return index < 0 ? undefined : String(source.slice(0, index).split('\n').length);
}

/** Loads a template file from `harness/templates/` (works from src and from dist). */
export async function loadTemplate(name: string, options: { noEscape: boolean }): Promise<(context: object) => string> {
  const { readFile } = await import('node:fs/promises');
  const { harnessFile } = await import('./assets.js');
  const path = harnessFile(`templates/${name}`);
  return compileTemplate(await readFile(path, 'utf8'), path, options);
}
