import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { SlotcheckError, type ErrorCode, type SourceLocation } from './errors.js';
import { checkDepth, deepestIndex, tooDeep } from './nesting-limit.js';

/** A parsed YAML/JSON file that can point at the line of any field path. */
export interface LocatedDocument {
  file: string;
  /** The error code of problems found in this file. */
  code: ErrorCode;
  value: unknown;
  /** Location of the deepest existing node along `path`. */
  locate(path: readonly PropertyKey[]): SourceLocation;
  /** Validates `value` against a schema; throws an error naming file, line and field. */
  check<S extends z.ZodType>(schema: S): z.infer<S>;
  /** An error at `path`, formatted like schema errors. */
  errorAt(path: readonly PropertyKey[], message: string): SlotcheckError;
}

/**
 * Parses YAML or JSON text, with line numbers in every error. JSON is read by
 * JSON.parse (a suite of hundreds of files loads at every run); the YAML
 * parser, which keeps positions, reads it again only when an error needs a
 * line, or when a key is repeated (JSON.parse would quietly keep the last one).
 */
export function parseLocatedDocument(text: string, file: string, code: ErrorCode): LocatedDocument {
  try {
    return parseChecked(text, file, code);
  } catch (error) {
    // The YAML composer and JSON.parse recurse per level: a file nested thousands deep overflows the stack.
    if (error instanceof RangeError) throw tooDeep(file, code, lineAt(text, deepestIndex(text)).line);
    throw error;
  }
}

function parseChecked(text: string, file: string, code: ErrorCode): LocatedDocument {
  if (file.toLowerCase().endsWith('.json')) {
    const value = parseJson(text, file, code);
    const repeated = repeatedKeyAt(text);
    if (repeated === undefined) return checkDepth(located(file, code, value, lazy(() => parseYaml(text, file, code))));
    const { line, column } = lineAt(text, repeated.index);
    throw new SlotcheckError(code, `${file}:${line}: key "${repeated.key}" is given twice in the same object`, { location: { file, line, column } });
  }
  const parsed = parseYaml(text, file, code);
  return checkDepth(located(file, code, toJS(parsed, file, code), () => parsed));
}

interface Positions {
  doc: Document;
  lines: LineCounter;
}

function parseYaml(text: string, file: string, code: ErrorCode): Positions {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    // Without prettyErrors the error carries offsets only: the line counter turns them into lines.
    const pos = lines.linePos(syntax.pos[0]);
    // An unclosed quote or bracket is found at the end of the file: name the last line with text, not the empty one after it.
    const line = Math.min(pos.line, text.trimEnd().split('\n').length);
    const col = line === pos.line ? pos.col : undefined;
    // The composer recurses per level and reports a stack overflow as a syntax error.
    if (/call stack/i.test(syntax.message)) throw tooDeep(file, code, line);
    const message = syntax.code === 'MULTIPLE_DOCS' ? 'a second YAML document starts here ("---"); a file holds one document' : firstLine(syntax.message);
    throw new SlotcheckError(code, `${file}:${line}: ${message}`, { location: { file, line, column: col } });
  }
  return { doc, lines };
}

/** The document as plain values; aliases that expand without bound (a "billion laughs" file) are refused. */
function toJS(parsed: Positions, file: string, code: ErrorCode): unknown {
  try {
    return parsed.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAlias(parsed);
    const line = alias ? parsed.lines.linePos(alias).line : 1;
    throw new SlotcheckError(code, `${file}:${line}: YAML aliases (*name) expand to too many values; write the values out`, { location: { file, line } });
  }
}

function firstAlias(parsed: Positions): number | undefined {
  let offset: number | undefined;
  visit(parsed.doc, { Alias: (_key, node) => { offset ??= node.range?.[0]; } });
  return offset;
}

function located(file: string, code: ErrorCode, value: unknown, positions: () => Positions): LocatedDocument {
  const locate = (path: readonly PropertyKey[]) => {
    const { doc, lines } = positions();
    return locateNode(doc, lines, path, file);
  };
  const errorAt = (path: readonly PropertyKey[], message: string) => {
    const location = locate(path);
    const where = location.field ? `field "${location.field}": ` : '';
    return new SlotcheckError(code, `${file}:${location.line ?? 1}: ${where}${message}`, { location });
  };
  return {
    file,
    code,
    value,
    locate,
    errorAt,
    check(schema) {
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      const issues = result.error.issues;
      const first = issues[0]!;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
      const path = first.code === 'unrecognized_keys' ? [...first.path, first.keys[0]!] : first.path;
      throw errorAt(path, `${describeIssue(first, { value, expected: 'a mapping of fields (name: value, one a line)' })}${more}`);
    },
  };
}

function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Parses and validates in one step. */
export function parseLocated<S extends z.ZodType>(text: string, file: string, schema: S, code: ErrorCode): z.infer<S> {
  return parseLocatedDocument(text, file, code).check(schema);
}

/** JSON.parse pinpoints JSON syntax errors better than a YAML parser reading JSON. */
function parseJson(text: string, file: string, code: ErrorCode): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
    const position = Number(/position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? NaN);
    // Some Node versions do not say where: the YAML parser, which reads JSON too, usually can.
    if (Number.isNaN(position)) parseYaml(text, file, code);
    const { line, column } = Number.isNaN(position) ? { line: 1, column: undefined } : lineAt(text, position);
    throw new SlotcheckError(code, `${file}:${line}: not valid JSON: ${message}`, {
      location: { file, line, ...(column !== undefined ? { column } : {}) },
    });
  }
}

function lineAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/**
 * The first key that an object of a valid JSON text names twice. One pass over
 * the text: a string followed by ":" is a key; a stack of key sets, one per
 * open object.
 */
export function repeatedKeyAt(text: string): { key: string; index: number } | undefined {
  const open: Array<Set<string> | null> = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) open.push(new Set());
    else if (c === 0x5b /* [ */) open.push(null);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) open.pop();
    else if (c === 0x22 /* " */) {
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      let next = end + 1;
      while (/\s/.test(text[next] ?? '')) next += 1;
      const keys = open.at(-1);
      if (text[next] === ':' && keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return { key, index: i };
        keys.add(key);
      }
      i = end;
    }
  }
  return undefined;
}

function locateNode(doc: Document, lines: LineCounter, path: readonly PropertyKey[], file: string): SourceLocation {
  const field = path.map(String).join('.');
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const keys = path.slice(0, depth).map((k) => (typeof k === 'symbol' ? String(k) : k));
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    const range = isNode(node) ? node.range : undefined;
    if (range) {
      const pos = lines.linePos(range[0]);
      return { file, line: pos.line, column: pos.col, field };
    }
  }
  return { file, line: 1, field };
}

function describeIssue(issue: z.core.$ZodIssue, root?: { value: unknown; expected: string }): string {
  // The whole file or line is of the wrong kind (a list, a bare word, nothing): say what it must hold.
  if (issue.code === 'invalid_type' && issue.path.length === 0 && root) return `expected ${root.expected}, found ${describeInput(root.value)}`;
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

function describeInput(value: unknown): string {
  if (value === null || value === undefined) return 'an empty file';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Validates an already-parsed value (a JSONL record) and names file, line and field on failure. */
export function validateRecord<S extends z.ZodType>(
  value: unknown,
  schema: S,
  location: { file: string; line: number },
  code: ErrorCode,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const where = field ? `field "${field}": ` : '';
  throw new SlotcheckError(code, `${location.file}:${location.line}: ${where}${describeIssue(issue, { value, expected: 'a JSON object' })}`, {
    location: { ...location, field },
  });
}
