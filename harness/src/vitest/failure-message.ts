import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';

/**
 * A bot failure in a scenario test: its message names each class, the message and the evidence.
 * The failures and the transcript are kept on the error but not enumerable: vitest prints an
 * error's own properties after its message ("Serialized Error"), which would repeat the whole
 * transcript under every failing test.
 */
export class ScenarioFailure extends Error {
  override readonly name = 'SlotcheckFailure';
  declare readonly failures: readonly Failure[];
  declare readonly record: ConversationRecord;
  constructor(failures: readonly Failure[], record: ConversationRecord) {
    super(failureMessage(failures, record));
    keepQuietly(this, { failures, record });
  }
}

/** A conversation that could not be judged (endpoint down, time-out): not a bot failure, and said so. */
export class ScenarioNotJudged extends Error {
  override readonly name = 'SlotcheckNotJudged';
  declare readonly record: ConversationRecord;
  constructor(record: ConversationRecord) {
    const error = record.error!;
    super(`not a bot failure: the conversation could not complete (${error.blame}): ${error.code} ${error.message}`);
    keepQuietly(this, { record });
  }
}

/** Read-only, non-enumerable properties. */
function keepQuietly(target: Error, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) Object.defineProperty(target, key, { value, enumerable: false });
}

function failureMessage(failures: readonly Failure[], record: ConversationRecord): string {
  const lines = failures.map((f) => {
    const where = `message ${f.messageIndex}${f.slot ? `, slot ${f.slot}` : ''}`;
    const related = f.evidence.relatedMessageIndex !== undefined ? `\n    related message ${f.evidence.relatedMessageIndex}: ${quote(f.evidence.relatedQuote ?? record.messages[f.evidence.relatedMessageIndex]?.content ?? '')}` : '';
    return `${f.class} at ${where}: ${f.evidence.reason}\n    ${quote(f.evidence.quote)}${related}`;
  });
  return `${record.scenarioId ?? record.id} (trial ${record.trial ?? 1}, model ${record.model ?? '?'}): ${failures.length} bot failure${failures.length === 1 ? '' : 's'}\n  ${lines.join('\n  ')}`;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > 200 ? `${line.slice(0, 199)}…` : line}"`;
}
