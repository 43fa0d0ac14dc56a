import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { SlotcheckError, type ErrorCode, type SourceLocation } from './errors.js';

/** A parsed YAML/JSON file that can point at the line of any field path. */
export interface LocatedDocument {
  file: string;
  value: unknown;
  /** Location of the deepest existing node along `path`. */
  locate(path: readonly PropertyKey[]): SourceLocation;
  /** Validates `value` against a schema; throws an error naming file, line and field. */
  check<S extends z.ZodType>(schema: S): z.infer<S>;
  /** An error at `path`, formatted like schema errors. */
  errorAt(path: readonly PropertyKey[], message: string): SlotcheckError;
}

/**
 * Parses YAML or JSON text; JSON goes through the YAML parser too, which
 * keeps positions, so both formats get line numbers in their errors.
 */
export function parseLocatedDocument(text: string, file: string, code: ErrorCode): LocatedDocument {
  if (file.toLowerCase().endsWith('.json')) checkJsonSyntax(text, file, code);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    throw new SlotcheckError(code, `${file}:${pos?.line ?? 1}: ${firstLine(syntax.message)}`, {
      location: { file, line: pos?.line, column: pos?.col },
    });
  }
  const value: unknown = doc.toJS();
  const locate = (path: readonly PropertyKey[]) => locateNode(doc, lineCounter, path, file);
  const errorAt = (path: readonly PropertyKey[], message: string) => {
    const location = locate(path);
    const where = location.field ? `field "${location.field}": ` : '';
    return new SlotcheckError(code, `${file}:${location.line ?? 1}: ${where}${message}`, { location });
  };
  return {
    file,
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
      throw errorAt(path, `${describeIssue(first)}${more}`);
    },
  };
}

/** Parses and validates in one step. */
export function parseLocated<S extends z.ZodType>(text: string, file: string, schema: S, code: ErrorCode): z.infer<S> {
  return parseLocatedDocument(text, file, code).check(schema);
}

/** JSON.parse pinpoints JSON syntax errors better than a YAML parser reading JSON. */
function checkJsonSyntax(text: string, file: string, code: ErrorCode): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const before = Number.isNaN(position) ? '' : text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    throw new SlotcheckError(code, `${file}:${line}: not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
      location: { file, line, ...(Number.isNaN(position) ? {} : { column }) },
    });
  }
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

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
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
  throw new SlotcheckError(code, `${location.file}:${location.line}: ${where}${describeIssue(issue)}`, {
    location: { ...location, field },
  });
}
