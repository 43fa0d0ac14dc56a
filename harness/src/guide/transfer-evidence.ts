import type { FailureClass } from '../detect/failure.js';
import { readRunEvidence } from '../refine/evidence.js';
import type { ScenarioOutcome } from '../refine/outcomes.js';
import type { Excerpt, TransferStatus } from './schema.js';

const MAX_EXCERPTS = 2;

/** Classes a scenario shows after that it did not show before. */
function newClasses(before: readonly ScenarioOutcome[], after: readonly ScenarioOutcome[]): Set<string> {
  const had = new Map(before.map((s) => [s.id, s.failuresByClass]));
  return new Set(after.flatMap((s) => Object.keys(s.failuresByClass).filter((cls) => !(cls in (had.get(s.id) ?? {})))));
}

/**
 * What a transfer record quotes, so its status can be checked message by message: for a harmful
 * one, the failures it brought (classes new to a scenario, else its own classes, from the run
 * after); for transferred or no effect, its classes as the bot showed them before; nothing when
 * there was nothing to fix.
 */
export async function transferExcerpts(
  input: { status: TransferStatus; classes: readonly FailureClass[]; before: { dir: string; outcomes: readonly ScenarioOutcome[] }; after?: { dir: string; outcomes: readonly ScenarioOutcome[] } },
  display: (path: string) => string,
): Promise<Excerpt[]> {
  if (input.status === 'not-applicable') return [];
  const run = input.status === 'harmful' ? input.after : input.before;
  if (!run) return [];
  const brought = input.status === 'harmful' && input.after ? newClasses(input.before.outcomes, input.after.outcomes) : new Set<string>();
  const wanted = brought.size > 0 ? (cls: FailureClass) => brought.has(cls) : (cls: FailureClass) => input.classes.includes(cls);
  const { groups } = await readRunEvidence(run.dir, display);
  const excerpts = groups.filter((g) => wanted(g.failureClass)).flatMap((g) => g.excerpts);
  // Conversations finish in any order: sorted, the same runs give the same record.
  const key = (e: Excerpt) => `${e.scenarioId ?? ''}\u0000${e.conversationId}`;
  return excerpts.sort((a, b) => key(a).localeCompare(key(b))).slice(0, MAX_EXCERPTS);
}
