import type { FailureClass } from '../detect/failure.js';
import { streamTranscripts } from '../report/run-files.js';
import { groupOf, type ScenarioSummary } from '../report/summary.js';
import type { ConversationRecord } from '../transcript/record.js';

/** A scenario's summary plus how many of its conversations showed each class (a summary counts failures, not conversations). */
export interface ScenarioOutcome extends ScenarioSummary {
  conversationsWith: Partial<Record<FailureClass, number>>;
}

/** Counts, per scenario, the conversations that showed each failure class. */
export class ClassCounter {
  private readonly counts = new Map<string, Partial<Record<FailureClass, number>>>();

  add(record: Pick<ConversationRecord, 'scenarioId' | 'task' | 'failureClasses'>): void {
    const key = groupOf(record);
    const entry = this.counts.get(key) ?? {};
    for (const cls of new Set(record.failureClasses)) entry[cls] = (entry[cls] ?? 0) + 1;
    this.counts.set(key, entry);
  }

  outcomes(summaries: readonly ScenarioSummary[]): ScenarioOutcome[] {
    return summaries.map((s) => ({ ...s, conversationsWith: this.counts.get(s.id) ?? {} }));
  }
}

/** The outcomes of a finished run folder. */
export async function readOutcomes(outDir: string, summaries: readonly ScenarioSummary[]): Promise<ScenarioOutcome[]> {
  const counter = new ClassCounter();
  for await (const record of streamTranscripts(outDir)) counter.add(record);
  return counter.outcomes(summaries);
}
