import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SlotcheckError } from '../core/errors.js';
import { validateRecord } from '../core/located-parse.js';
import { LabelSchema, type Label, type LabelSet } from './labels.js';

/** Reads and validates a labels JSONL file; any bad line stops with file, line and field (exit 2). */
export async function loadLabels(path: string, display: (p: string) => string = (p) => p): Promise<LabelSet> {
  const file = display(path);
  if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${file}: no such file`);
  const byId = new Map<string, Label>();
  const lineOf = new Map<string, number>();
  // Read whole: a labels file is needed whole anyway, and this is several times faster than a line stream.
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const line = i + 1;
    const label = validateRecord(parseLine(text, file, line), LabelSchema, { file, line }, 'LABELS_INVALID');
    const previous = lineOf.get(label.id);
    if (previous !== undefined) {
      throw new SlotcheckError('LABELS_INVALID', `${file}:${line}: field "id": conversation "${label.id}" is already labelled on line ${previous}`, { location: { file, line, field: 'id' } });
    }
    lineOf.set(label.id, line);
    byId.set(label.id, label);
  });
  if (byId.size === 0) throw new SlotcheckError('LABELS_INVALID', `${file}: no labels (expected one JSON object a line: {"id", "failures": [...]})`);
  return { file, byId };
}

function parseLine(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SlotcheckError('LABELS_INVALID', `${file}:${line}: not valid JSON`, { location: { file, line } });
  }
}
