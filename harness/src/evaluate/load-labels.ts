import { existsSync } from 'node:fs';
import { readTextFile } from '../core/text-file.js';
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
  const lines = readTextFile(path, file, 'LABELS_INVALID').split('\n');
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
  return { file, byId, lineOf };
}

function parseLine(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SlotcheckError('LABELS_INVALID', `${file}:${line}: not valid JSON`, { location: { file, line } });
  }
}

/**
 * A label must point into its conversation: a `messageIndex` past its last
 * message would be scored as a miss (and the finding there as a false
 * alarm) without anyone noticing. `messageCounts`: messages per conversation id.
 */
export function checkLabelIndices(labels: LabelSet, messageCounts: ReadonlyMap<string, number>): void {
  for (const [id, label] of labels.byId) {
    const count = messageCounts.get(id);
    if (count === undefined) continue;
    label.failures.forEach((failure, i) => {
      if (failure.messageIndex < count) return;
      const line = labels.lineOf?.get(id) ?? 1;
      throw new SlotcheckError('LABELS_INVALID', `${labels.file}:${line}: field "failures.${i}.messageIndex": ${failure.messageIndex} is past the end of conversation "${id}" (${count} messages, indices 0 to ${count - 1})`, { location: { file: labels.file, line, field: `failures.${i}.messageIndex` } });
    });
  }
}
