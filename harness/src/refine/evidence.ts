import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SlotcheckError } from '../core/errors.js';
import { readJsonl } from '../core/files.js';
import { validateRecord } from '../core/located-parse.js';
import { FailureClassSchema, FailureSchema, type Failure, type FailureClass } from '../detect/failure.js';
import { quoteMessage } from '../detect/quote.js';
import { RUN_FILES } from '../report/run-files.js';
import { readRunMeta } from '../report/run-folder.js';
import { SummaryBuilder, type RunMeta } from '../report/summary.js';
import { ConversationRecordSchema, type ConversationRecord } from '../transcript/record.js';
import type { Excerpt } from '../guide/schema.js';
import { ClassCounter, type ScenarioOutcome } from './outcomes.js';

/** The failures of one class, for one bot (none when the run analysed recorded conversations). */
export interface FailureGroup {
  bot?: string;
  failureClass: FailureClass;
  /** Scenarios (or, for analysed conversations, conversations) where the class occurred. */
  scenarioIds: string[];
  failures: number;
  /** A few failures, quoted with the messages around them. */
  excerpts: Excerpt[];
}

/** What refine needs from a run folder, read by streaming its files. */
export interface RunEvidence {
  runDir: string;
  meta: RunMeta;
  groups: FailureGroup[];
  /** Outcome per scenario: the baseline a patch must not make worse. */
  scenarios: ScenarioOutcome[];
  /** The model and prompt version each bot ran with. */
  bots: Map<string, { model?: string; promptHash?: string }>;
}

interface Indexed {
  bot?: string;
  scenarioId?: string;
}

const EXCERPTS_PER_GROUP = 3;
const LINES_BEFORE = 3;

/** Reads a run folder; a missing or invalid file is RUN_INVALID naming the file and line. */
export async function readRunEvidence(runDir: string, display: (path: string) => string): Promise<RunEvidence> {
  const meta = await readMeta(runDir, display);
  const builder = new SummaryBuilder();
  const counter = new ClassCounter();
  const index = new Map<string, Indexed>();
  const bots = new Map<string, { model?: string; promptHash?: string }>();
  for await (const record of records(runDir, display)) {
    builder.addConversation(record);
    counter.add(record);
    index.set(record.id, { ...(record.bot ? { bot: record.bot } : {}), ...(record.scenarioId ? { scenarioId: record.scenarioId } : {}) });
    if (record.bot && !bots.has(record.bot)) bots.set(record.bot, { ...(record.model ? { model: record.model } : {}), ...(record.promptHash ? { promptHash: record.promptHash } : {}) });
  }
  const groups = new Map<string, FailureGroup & { samples: Failure[] }>();
  for await (const failure of failures(runDir, display)) {
    builder.addFailure(failure);
    const where = index.get(failure.conversationId);
    if (!where) continue;
    addToGroup(groups, failure, where);
  }
  await attachExcerpts([...groups.values()], runDir, display);
  const ordered = [...groups.values()]
    .map(({ samples: _samples, ...group }) => group)
    .sort((a, b) => (a.bot ?? '').localeCompare(b.bot ?? '') || classOrder(a.failureClass) - classOrder(b.failureClass));
  return { runDir, meta, groups: ordered, scenarios: counter.outcomes(builder.scenarioSummaries()), bots };
}

function classOrder(cls: FailureClass): number {
  return FailureClassSchema.options.indexOf(cls);
}

async function readMeta(runDir: string, display: (path: string) => string): Promise<RunMeta> {
  const file = join(runDir, RUN_FILES.run);
  if (!existsSync(file)) throw new SlotcheckError('RUN_INVALID', `${display(runDir)} is not a run folder: ${RUN_FILES.run} is missing (pass --run reports/<run-id>)`);
  return readRunMeta(runDir, display);
}

async function* records(runDir: string, display: (path: string) => string): AsyncGenerator<ConversationRecord> {
  const file = join(runDir, RUN_FILES.transcripts);
  if (!existsSync(file)) return;
  for await (const { line, value } of readJsonl(file, { tolerateTruncatedTail: true })) {
    yield validateRecord(value, ConversationRecordSchema, { file: display(file), line }, 'RUN_INVALID');
  }
}

async function* failures(runDir: string, display: (path: string) => string): AsyncGenerator<Failure> {
  const file = join(runDir, RUN_FILES.failures);
  if (!existsSync(file)) return;
  for await (const { line, value } of readJsonl(file, { tolerateTruncatedTail: true })) {
    yield validateRecord(value, FailureSchema, { file: display(file), line }, 'RUN_INVALID');
  }
}

function addToGroup(groups: Map<string, FailureGroup & { samples: Failure[] }>, failure: Failure, where: Indexed): void {
  const key = `${where.bot ?? ''}\u0000${failure.class}`;
  let group = groups.get(key);
  if (!group) {
    group = { ...(where.bot ? { bot: where.bot } : {}), failureClass: failure.class, scenarioIds: [], failures: 0, excerpts: [], samples: [] };
    groups.set(key, group);
  }
  group.failures += 1;
  const scenario = where.scenarioId ?? failure.conversationId;
  const isNewScenario = !group.scenarioIds.includes(scenario);
  if (isNewScenario) group.scenarioIds.push(scenario);
  // One excerpt per scenario: different scenarios show the failure from different sides.
  if (isNewScenario && group.samples.length < EXCERPTS_PER_GROUP) group.samples.push(failure);
}

async function attachExcerpts(groups: Array<FailureGroup & { samples: Failure[] }>, runDir: string, display: (path: string) => string): Promise<void> {
  const wanted = new Map<string, Array<{ group: FailureGroup; failure: Failure }>>();
  for (const group of groups) {
    for (const failure of group.samples) wanted.set(failure.conversationId, [...(wanted.get(failure.conversationId) ?? []), { group, failure }]);
  }
  for await (const record of records(runDir, display)) {
    for (const { group, failure } of wanted.get(record.id) ?? []) group.excerpts.push(excerptOf(record, failure));
  }
}

/** The flagged message, the few before it, and the message it relates to (where the user gave the value, …). */
export function excerptOf(record: ConversationRecord, failure: Failure): Excerpt {
  const indices = new Set<number>();
  if (failure.evidence.relatedMessageIndex !== undefined) indices.add(failure.evidence.relatedMessageIndex);
  for (let i = Math.max(0, failure.messageIndex - LINES_BEFORE); i <= failure.messageIndex; i += 1) indices.add(i);
  const lines = [...indices]
    .sort((a, b) => a - b)
    .filter((i) => record.messages[i] !== undefined)
    .map((i) => ({ index: i, role: record.messages[i]!.role, text: quoteMessage(record.messages[i], 300) }));
  return {
    conversationId: record.id,
    ...(record.scenarioId ? { scenarioId: record.scenarioId } : {}),
    messageIndex: failure.messageIndex,
    reason: failure.evidence.reason,
    lines,
  };
}
