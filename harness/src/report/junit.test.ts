import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import type { Failure } from '../detect/failure.js';
import { renderJunit, type JunitCase } from './junit.js';

const hostile = 'He said "<b>yes</b>" & left ]]> \u0007bell';

function failure(cls: Failure['class'], messageIndex: number, reason: string, quote: string): Failure {
  return { schemaVersion: 1, blame: 'bot', conversationId: 'book#2', scenarioId: 'book', trial: 2, class: cls, messageIndex, evidence: { quote, reason, relatedMessageIndex: 0, relatedQuote: 'The date is Friday.' } };
}

const cases: JunitCase[] = [
  { suite: 'book', name: 'book trial 1', classname: 'slotcheck.restaurant.book', seconds: 0.5, outcome: 'pass', failures: [] },
  {
    suite: 'book', name: 'book trial 2', classname: 'slotcheck.restaurant.book', seconds: 1.25, outcome: 'fail',
    failures: [failure('re-ask', 3, 'asks for date again', hostile), failure('premature-action', 5, 'acts before approval', 'book_table({})')],
    transcript: `[0] user: ${hostile}`,
  },
  { suite: 'cancel', name: 'cancel trial 1', classname: 'slotcheck.restaurant.cancel', seconds: 2, outcome: 'error', failures: [], error: { code: 'MODEL_TIMEOUT', message: 'no answer\nin 60 s', blame: 'infrastructure' } },
];

/** Parses with xmlbuilder2's reader into a DOM: a document that is not well-formed throws. */
function parse(xml: string): Element {
  return create(xml).root().node as unknown as Element;
}
const attrs = (el: Element | undefined, ...names: string[]) => names.map((n) => el?.getAttribute(n));
const all = (el: Element, tag: string) => Array.from(el.getElementsByTagName(tag));

describe('renderJunit', () => {
  const xml = renderJunit({ runId: 'run-1', timestamp: '2026-11-24T21:00:00.000Z', cases });
  const root = parse(xml);

  it('is well-formed XML with counts per suite and in total', () => {
    expect(attrs(root, 'tests', 'failures', 'errors', 'time')).toEqual(['3', '1', '1', '3.750']);
    expect(all(root, 'testsuite').map((s) => attrs(s, 'name', 'tests', 'failures', 'errors'))).toEqual([['book', '2', '1', '0'], ['cancel', '1', '0', '1']]);
    expect(all(root, 'testcase').map((c) => c.getAttribute('name'))).toEqual(['book trial 1', 'book trial 2', 'cancel trial 1']);
  });

  it('gives a failing case one <failure> carrying every class and its evidence, escaped', () => {
    const failures = all(root, 'failure');
    expect(failures).toHaveLength(1);
    expect(attrs(failures[0], 'type', 'message')).toEqual(['re-ask, premature-action', 're-ask at message 3: asks for date again; premature-action at message 5: acts before approval']);
    // The quote survives the round trip; the control character (which XML 1.0 forbids) shows as an escape.
    expect(failures[0]!.textContent).toContain('quote: He said "<b>yes</b>" & left ]]> \\x07bell');
    expect(failures[0]!.textContent).toContain('related message 0: The date is Friday.');
    expect(all(root, 'system-out').map((o) => o.textContent)).toEqual(['[0] user: He said "<b>yes</b>" & left ]]> \\x07bell']);
    expect(xml).not.toContain('<b>');
  });

  it('reports a conversation that could not be judged as <error>, never as a failure', () => {
    const errored = all(root, 'testcase')[2]!;
    expect(all(errored, 'failure')).toEqual([]);
    expect(attrs(all(errored, 'error')[0], 'type', 'message')).toEqual(['MODEL_TIMEOUT', 'no answer in 60 s']);
  });

  it('renders the same document for the same input', () => {
    expect(xml).toMatchSnapshot();
  });
});
