import type { FailureClass, Finding } from '../detect/failure.js';
import type { Label, LabelSet } from './labels.js';
import { ratio, score, type ClassMetrics, type Metrics } from './metrics.js';

/** What the detectors found, by conversation id (every analysed conversation, with or without findings). */
export type Predictions = ReadonlyMap<string, readonly Pick<Finding, 'class' | 'messageIndex'>[]>;

/**
 * Scores predictions against labels, per class, for the classes given (the
 * detectors that ran) plus any class the labels use. Only conversations both
 * analysed and labelled count.
 */
export function scoreFailures(labels: LabelSet, predictions: Predictions, classes: readonly FailureClass[]): Metrics {
  const scored = [...predictions.keys()].filter((id) => labels.byId.has(id));
  const allClasses = [...new Set([...classes, ...[...labels.byId.values()].flatMap((l) => l.failures.map((f) => f.class))])];
  const clean = scored.filter((id) => labels.byId.get(id)!.failures.length === 0);
  const flagged = clean.filter((id) => (predictions.get(id) ?? []).length > 0);
  return {
    schemaVersion: 1,
    labelsFile: labels.file,
    scored: scored.length,
    unlabelled: predictions.size - scored.length,
    labelsWithoutConversation: [...labels.byId.keys()].filter((id) => !predictions.has(id)).length,
    classes: allClasses.map((cls) => scoreClass(cls, scored, labels, predictions)),
    falseAlarms: { clean: clean.length, flagged: flagged.length, rate: ratio(flagged.length, clean.length) },
  };
}

function scoreClass(cls: FailureClass, ids: readonly string[], labels: LabelSet, predictions: Predictions): ClassMetrics {
  const conversation = { tp: 0, fp: 0, fn: 0 };
  const message = { tp: 0, fp: 0, fn: 0 };
  for (const id of ids) {
    const gold = messageIndices(labels.byId.get(id)!.failures, cls);
    const predicted = messageIndices(predictions.get(id) ?? [], cls);
    count(conversation, gold.size > 0 ? new Set([0]) : new Set(), predicted.size > 0 ? new Set([0]) : new Set());
    count(message, gold, predicted);
  }
  return { class: cls, conversation: score(conversation.tp, conversation.fp, conversation.fn), message: score(message.tp, message.fp, message.fn) };
}

/** Message indices flagged with a class; several findings on one message (two slots re-asked) are one failure. */
function messageIndices(failures: readonly Pick<Label['failures'][number], 'class' | 'messageIndex'>[], cls: FailureClass): Set<number> {
  return new Set(failures.filter((f) => f.class === cls).map((f) => f.messageIndex));
}

function count(tally: { tp: number; fp: number; fn: number }, gold: ReadonlySet<number>, predicted: ReadonlySet<number>): void {
  for (const index of predicted) {
    if (gold.has(index)) tally.tp += 1;
    else tally.fp += 1;
  }
  for (const index of gold) if (!predicted.has(index)) tally.fn += 1;
}
