import { describe, expect, it } from 'vitest';
import type { Label } from './labels.js';
import { formatMetrics } from './format-metrics.js';
import { scoreFailures } from './score-failures.js';

const label = (id: string, failures: Label['failures'] = []): [string, Label] => [id, { id, failures }];
const labels = {
  file: 'labels.jsonl',
  byId: new Map([
    label('a', [{ class: 're-ask', messageIndex: 3 }]),
    label('b', [{ class: 're-ask', messageIndex: 5 }]),
    label('c', [{ class: 'premature-action', messageIndex: 7 }]),
    label('d'),
    label('e'),
    label('only-labelled'),
  ]),
};

describe('scoreFailures', () => {
  const predictions = new Map([
    // right message, and a second slot re-asked in the same message: one failure, not two
    ['a', [{ class: 're-ask' as const, messageIndex: 3 }, { class: 're-ask' as const, messageIndex: 3 }]],
    // right class, wrong message: the conversation counts, the message does not
    ['b', [{ class: 're-ask' as const, messageIndex: 1 }]],
    ['c', []],
    // a clean conversation with a finding of another class is a false alarm
    ['d', [{ class: 'premature-action' as const, messageIndex: 2 }]],
    ['e', []],
    ['not-labelled', [{ class: 're-ask' as const, messageIndex: 1 }]],
  ]);
  const metrics = scoreFailures(labels, predictions, ['re-ask', 'premature-action']);
  const of = (cls: string) => metrics.classes.find((c) => c.class === cls)!;

  it('scores a class per conversation: labelled with it vs. predicted anywhere in it', () => {
    expect(of('re-ask').conversation).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1, f1: 1 });
    expect(of('premature-action').conversation).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('scores a class per message: conversation, class and message index must agree', () => {
    expect(of('re-ask').message).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
  });

  it('counts clean conversations flagged with any class, and what could not be scored', () => {
    expect(metrics.falseAlarms).toEqual({ clean: 2, flagged: 1, rate: 0.5 });
    expect(metrics).toMatchObject({ scored: 5, unlabelled: 1, labelsWithoutConversation: 1 });
  });

  it('scores a class the detectors ran for even when no label uses it; rates with nothing to divide are null', () => {
    const none = scoreFailures({ file: 'x', byId: new Map([label('d')]) }, new Map([['d', []]]), ['wrong-value']);
    expect(none.classes).toEqual([{ class: 'wrong-value', conversation: expect.objectContaining({ precision: null, recall: null, f1: null }), message: expect.anything() }]);
    expect(formatMetrics(none).join('\n')).toMatch(/wrong-value\s+conversation\s+–\s+–\s+–\s+0\s+0\s+0/);
  });
});
