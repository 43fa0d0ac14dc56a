import { join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import { writeFileAtomic } from '../core/files.js';
import { showControlCharacters } from '../core/visible-text.js';
import type { Failure } from '../detect/failure.js';
import type { ConversationError } from '../transcript/record.js';
import type { ReportContext, Reporter } from './reporter.js';
import { groupOf } from './summary.js';
import { transcriptText } from './transcript-text.js';

/** One JUnit test case: a scenario × trial (or one recorded conversation). */
export interface JunitCase {
  /** The test suite it belongs to: its scenario (or task). */
  suite: string;
  name: string;
  classname: string;
  seconds: number;
  outcome: 'pass' | 'fail' | 'error';
  failures: Failure[];
  error?: ConversationError;
  /** Plain transcript, kept for failing and erroring cases only. */
  transcript?: string;
}

export interface JunitInput {
  runId: string;
  timestamp: string;
  cases: JunitCase[];
}

/**
 * junit.xml: failures carry their classes and evidence; conversations that
 * could not be judged are `<error>`, never failures. fast-xml-parser's
 * builder escapes text and attributes (a tenth of the time xmlbuilder2 took:
 * JUnit files run to thousands of cases); control characters are shown as
 * escapes and what else XML 1.0 forbids is replaced, so the document always parses.
 */
export function renderJunit(input: JunitInput): string {
  const suites = [...groupBy(input.cases)].map(([suite, cases]) => ({
    ...attributes({ name: suite, timestamp: input.timestamp, ...countsOf(cases) }),
    testcase: cases.map(caseElement),
  }));
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true }).build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    testsuites: { ...attributes({ name: `slotcheck ${input.runId}`, ...countsOf(input.cases) }), testsuite: suites },
  }) as string;
}

type XmlElement = Record<string, unknown>;

function attributes(values: Record<string, string>): XmlElement {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`@${name}`, xmlSafe(value)]));
}

// Characters XML 1.0 forbids (most control characters) become U+FFFD, so the document always parses.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlSafe(text: string): string {
  return showControlCharacters(text).replace(NOT_XML, '\uFFFD');
}

function caseElement(c: JunitCase): XmlElement {
  const element = attributes({ name: c.name, classname: c.classname, time: c.seconds.toFixed(3) });
  if (c.outcome === 'fail') {
    const classes = [...new Set(c.failures.map((f) => f.class))];
    element.failure = { ...attributes({ type: classes.join(', '), message: oneLine(c.failures.map(headline).join('; ')) }), '#text': xmlSafe(c.failures.map(evidenceText).join('\n\n')) };
  } else if (c.outcome === 'error' && c.error) {
    element.error = { ...attributes({ type: c.error.code, message: oneLine(c.error.message) }), '#text': xmlSafe(`${c.error.message}\n(blame: ${c.error.blame}; not a bot failure)`) };
  }
  if (c.transcript) element['system-out'] = { '#text': xmlSafe(c.transcript) };
  return element;
}

function headline(f: Failure): string {
  return `${f.class} at message ${f.messageIndex}${f.slot ? ` (slot ${f.slot})` : ''}: ${f.evidence.reason}`;
}

function evidenceText(f: Failure): string {
  const lines = [headline(f), `  quote: ${f.evidence.quote}`];
  if (f.evidence.relatedMessageIndex !== undefined) lines.push(`  related message ${f.evidence.relatedMessageIndex}: ${f.evidence.relatedQuote ?? ''}`);
  return lines.join('\n');
}

/** Attribute values on one line: parsers turn newlines in attributes into spaces anyway. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 499)}…` : flat;
}

function countsOf(cases: readonly JunitCase[]): Record<string, string> {
  const count = (o: JunitCase['outcome']) => String(cases.filter((c) => c.outcome === o).length);
  return { tests: String(cases.length), failures: count('fail'), errors: count('error'), time: cases.reduce((s, c) => s + c.seconds, 0).toFixed(3) };
}

function groupBy(cases: readonly JunitCase[]): Map<string, JunitCase[]> {
  const groups = new Map<string, JunitCase[]>();
  for (const c of cases) {
    const group = groups.get(c.suite);
    if (group) group.push(c);
    else groups.set(c.suite, [c]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

// localeCompare with options builds a collator on every call (tens of milliseconds over a run's cases); the same order from one.
const NUMERIC_ORDER = new Intl.Collator(undefined, { numeric: true });

/** Reads the run folder's files into JUnit cases, in scenario and trial order. */
export async function junitInputOf(context: ReportContext): Promise<JunitInput> {
  const failures = new Map<string, Failure[]>();
  for await (const f of context.failures()) {
    const list = failures.get(f.conversationId);
    if (list) list.push(f);
    else failures.set(f.conversationId, [f]);
  }
  const cases: JunitCase[] = [];
  for await (const r of context.transcripts()) {
    const suite = groupOf(r);
    cases.push({
      suite,
      name: r.trial !== undefined ? `${suite} trial ${r.trial}` : r.id,
      classname: `slotcheck.${r.bot ?? r.task?.name ?? 'conversations'}.${suite}`,
      seconds: (r.durationMs ?? 0) / 1000,
      outcome: r.outcome,
      failures: failures.get(r.id) ?? [],
      ...(r.error ? { error: r.error } : {}),
      ...(r.outcome !== 'pass' ? { transcript: transcriptText(r.messages) } : {}),
    });
  }
  cases.sort((a, b) => a.suite.localeCompare(b.suite) || NUMERIC_ORDER.compare(a.name, b.name));
  return { runId: context.summary.runId, timestamp: context.summary.startedAt, cases };
}

export const junitReporter: Reporter = {
  id: 'junit',
  file: 'junit.xml',
  async write(context: ReportContext) {
    await writeFileAtomic(join(context.outDir, 'junit.xml'), renderJunit(await junitInputOf(context)));
  },
};
