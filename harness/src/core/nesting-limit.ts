import { SlotcheckError, type ErrorCode } from './errors.js';
import type { LocatedDocument } from './located-parse.js';

/** Deeper than this, a scenario or bot file is a mistake or an attack: no format of ours nests past a few levels. */
const MAX_DEPTH = 64;

export function checkDepth(doc: LocatedDocument): LocatedDocument {
  const path = pathDeeperThan(doc.value, MAX_DEPTH);
  if (!path) return doc;
  const line = doc.locate(path).line ?? 1;
  throw tooDeep(doc.file, doc.code, line);
}

export function tooDeep(file: string, code: ErrorCode, line: number): SlotcheckError {
  return new SlotcheckError(code, `${file}:${line}: values nested more than ${MAX_DEPTH} levels deep; flatten them`, { location: { file, line } });
}

/** The path to the first value nested deeper than `limit` (iteratively: no recursion to overflow). */
function pathDeeperThan(value: unknown, limit: number): PropertyKey[] | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= limit) return path;
    for (const [key, child] of Object.entries(v)) stack.push({ value: child, path: [...path, Array.isArray(v) ? Number(key) : key] });
  }
  return undefined;
}

/** Offset of the deepest bracket of a flow-style text (where a stack overflow most likely came from). */
export function deepestIndex(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '[' || c === '{') depth += 1;
    else if (c === ']' || c === '}') depth -= 1;
    if (depth > MAX_DEPTH) return i;
  }
  return 0;
}
