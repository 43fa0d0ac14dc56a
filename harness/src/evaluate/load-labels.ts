import { existsSync } from 'node:fs';
import { SlotcheckError } from '../core/errors.js';
import { JsonlSyntaxError, readJsonl } from '../core/files.js';
import { validateRecord } from '../core/located-parse.js';
import { LabelSchema, type Label, type LabelSet } from './labels.js';

/** Reads and validates a labels JSONL file; any bad line stops with file, line and field (exit 2). */
export async function loadLabels(path: string, display: (p: string) => string = (p) => p): Promise<LabelSet> {
  const file = display(path);
  if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${file}: no such file`);
  const byId = new Map<string, Label>();
  const lineOf = new Map<string, number>();
  try {
    for await (const { line, value } of readJsonl(path)) {
      const label = validateRecord(value, LabelSchema, { file, line }, 'LABELS_INVALID');
      const previous = lineOf.get(label.id);
      if (previous !== undefined) {
        throw new SlotcheckError('LABELS_INVALID', `${file}:${line}: field "id": conversation "${label.id}" is already labelled on line ${previous}`, { location: { file, line, field: 'id' } });
      }
      lineOf.set(label.id, line);
      byId.set(label.id, label);
    }
  } catch (error) {
    if (error instanceof JsonlSyntaxError) throw new SlotcheckError('LABELS_INVALID', `${file}:${error.line}: not valid JSON`, { location: { file, line: error.line } });
    throw error;
  }
  if (byId.size === 0) throw new SlotcheckError('LABELS_INVALID', `${file}: no labels (expected one JSON object a line: {"id", "failures": [...]})`);
  return { file, byId };
}
