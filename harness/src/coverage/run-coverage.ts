import type { Act } from '../annotate/acts.js';
import { isFailedToolResult } from '../detect/slot-state.js';
import type { Failure, FailureClass } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import type { Task } from '../bot/task.js';
import { mainAction } from '../scenario/main-action.js';

type SlotSituation = 'volunteered' | 'asked' | 'correctedAtConfirmation' | 'correctedNextTurn' | 'leftOut';

/** What happened in one judged conversation, as coverage counts it. */
interface Occurred {
  volunteered: Set<string>;
  asked: Set<string>;
  correctedAtConfirmation: Set<string>;
  correctedNextTurn: Set<string>;
  authorised: boolean;
  authorisedWithConfirmation: boolean;
  refused: boolean;
  ending: 'action' | 'no-action' | 'refused';
  tool?: 'success' | 'failure' | 'retry';
}

/** Counts, per bot (per task for recorded conversations), of the situations that happened in a run. */
export interface RunOccurrences {
  conversations: number;
  /** Conversations with the simulator's acts: only they tell how the user gave each value. */
  withUserActs: number;
  slots: Map<string, Record<SlotSituation, number>>;
  /** By scenario policy `confirmation/goAhead`: conversations where the user did what it says. */
  policies: Map<string, number>;
  endings: Record<'action' | 'noAction' | 'refused', number>;
  tools: Record<'success' | 'failure' | 'retry', number>;
  found: Map<FailureClass, Set<string>>;
}

/** Accumulates what happened, conversation by conversation, as a run folder is read. */
export class RunCoverageBuilder {
  readonly byKey = new Map<string, RunOccurrences & { task: Task }>();
  private readonly keyOf = new Map<string, string>();

  /** `policyOf`: the scenario's confirmation/goAhead policy, when the suite is known. */
  constructor(private readonly policyOf: (scenarioId: string) => string | undefined = () => undefined) {}

  add(record: ConversationRecord): void {
    if (record.outcome === 'error' || !record.task) return;
    const key = record.bot ?? record.task.name;
    // Only a failed conversation has failures to count: memory stays flat in the number of conversations.
    if (record.outcome === 'fail') this.keyOf.set(record.id, key);
    const entry = this.entry(key, record.task);
    const seen = occurredIn(record);
    entry.conversations += 1;
    if (record.userActs) {
      entry.withUserActs += 1;
      for (const kind of ['volunteered', 'asked', 'correctedAtConfirmation', 'correctedNextTurn'] as const) {
        for (const slot of seen[kind]) {
          const row = entry.slots.get(slot);
          if (row) row[kind] += 1;
        }
      }
      for (const [slot, row] of entry.slots) if (!seen.volunteered.has(slot) && !seen.asked.has(slot)) row.leftOut += 1;
    }
    const policy = record.scenarioId ? this.policyOf(record.scenarioId) : undefined;
    if (policy && didPolicy(policy, seen)) entry.policies.set(policy, (entry.policies.get(policy) ?? 0) + 1);
    entry.endings[seen.ending === 'no-action' ? 'noAction' : seen.ending] += 1;
    if (seen.ending === 'refused') entry.endings.noAction += 1;
    if (seen.tool) entry.tools[seen.tool] += 1;
  }

  addFailure(failure: Pick<Failure, 'conversationId' | 'class'>): void {
    const key = this.keyOf.get(failure.conversationId);
    const entry = key === undefined ? undefined : this.byKey.get(key);
    if (!entry) return;
    let set = entry.found.get(failure.class);
    if (!set) entry.found.set(failure.class, (set = new Set()));
    set.add(failure.conversationId);
  }

  private entry(key: string, task: Task) {
    let entry = this.byKey.get(key);
    if (!entry) {
      const action = mainAction(task);
      const slots = action ? [...action.required, ...action.optional] : [];
      entry = {
        task, conversations: 0, withUserActs: 0, policies: new Map(), found: new Map(),
        slots: new Map(slots.map((s) => [s, { volunteered: 0, asked: 0, correctedAtConfirmation: 0, correctedNextTurn: 0, leftOut: 0 }])),
        endings: { action: 0, noAction: 0, refused: 0 }, tools: { success: 0, failure: 0, retry: 0 },
      };
      this.byKey.set(key, entry);
    }
    return entry;
  }
}

function didPolicy(policy: string, seen: Occurred): boolean {
  const [confirmation, goAhead] = policy.split('/');
  if (goAhead === 'never') return seen.refused && !seen.authorised;
  return seen.authorised && (confirmation === 'affirm-and-go-ahead') === seen.authorisedWithConfirmation;
}

function occurredIn(record: ConversationRecord): Occurred {
  const seen: Occurred = { volunteered: new Set(), asked: new Set(), correctedAtConfirmation: new Set(), correctedNextTurn: new Set(), authorised: false, authorisedWithConfirmation: false, refused: false, ending: 'no-action' };
  const told = new Map<string, string>();
  let firstUser = true;
  let affirmedAlone = false;
  record.messages.forEach((message, i) => {
    if (message.role !== 'user') return;
    const acts: Act[] = record.userActs?.[String(i)] ?? [];
    let negated = false;
    for (const act of acts) {
      negated ||= act.act === 'NEGATE';
      if (act.act !== 'INFORM' || !act.slot || act.value === undefined) continue;
      const value = String(act.value).toLowerCase();
      if (!told.has(act.slot)) (firstUser ? seen.volunteered : seen.asked).add(act.slot);
      // A change after a no in the same message answers a confirmation; one before it, or without one, is unprompted.
      else if (told.get(act.slot) !== value) (negated ? seen.correctedAtConfirmation : seen.correctedNextTurn).add(act.slot);
      told.set(act.slot, value);
    }
    const goAhead = acts.some((a) => a.act === 'GO_AHEAD');
    const affirms = acts.some((a) => a.act === 'AFFIRM');
    // In one breath: the user's first yes comes with the go-ahead (a separate go-ahead follows a plain yes).
    if (goAhead && !seen.authorised && !affirmedAlone) seen.authorisedWithConfirmation = affirms;
    if (affirms && !goAhead) affirmedAlone = true;
    seen.authorised ||= goAhead;
    seen.refused ||= acts.some((a) => a.act === 'NEGATE') && !goAhead && !acts.some((a) => a.act === 'INFORM');
    firstUser = false;
  });
  const outcomes = toolOutcomes(record);
  seen.tool = outcomes.length === 0 ? undefined : outcomes[0] ? 'success' : outcomes.includes(true) ? 'retry' : 'failure';
  // The ending is about what the bot did: it acted (whatever the tool answered), or it did not.
  seen.ending = outcomes.length > 0 ? 'action' : seen.refused && !seen.authorised ? 'refused' : 'no-action';
  return seen;
}


/** For each call of a consequential action of the task, in order: did it go through? */
function toolOutcomes(record: ConversationRecord): boolean[] {
  const consequential = new Set((record.task?.actions ?? []).filter((a) => a.consequential).map((a) => a.name));
  const callIds = new Set(record.messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).filter((c) => consequential.has(c.function.name)).map((c) => c.id) : [])));
  return record.messages.flatMap((m) => (m.role === 'tool' && callIds.has(m.tool_call_id) ? [!isFailedToolResult(m.content)] : []));
}
