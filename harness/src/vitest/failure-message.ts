import type { Failure } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';

/** A bot failure in a scenario test: its message names each class, the message and the evidence. */
export class ScenarioFailure extends Error {
  override readonly name = 'SlotcheckFailure';
  constructor(readonly failures: readonly Failure[], readonly record: ConversationRecord) {
    super(failureMessage(failures, record));
  }
}

/** A conversation that could not be judged (endpoint down, time-out): not a bot failure, and said so. */
export class ScenarioNotJudged extends Error {
  override readonly name = 'SlotcheckNotJudged';
  constructor(readonly record: ConversationRecord) {
    const error = record.error!;
    super(`not a bot failure: the conversation could not complete (${error.blame}): ${error.code} ${error.message}`);
  }
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
