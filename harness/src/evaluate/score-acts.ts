import type { Act, ActType, MessageActs } from '../annotate/acts.js';
import type { ChatMessage } from '../transcript/schema.js';
import type { GoldAct } from './labels.js';
import { score, type Score } from './metrics.js';

/**
 * Our acts and their names in the gold (SGD) scheme, with the side that
 * speaks them. ASK_GO_AHEAD and GO_AHEAD have no SGD counterpart and are not scored.
 */
const GOLD_NAME: Partial<Record<ActType, { gold: string; role: 'assistant' | 'user' }>> = {
  REQUEST: { gold: 'REQUEST', role: 'assistant' },
  CONFIRM: { gold: 'CONFIRM', role: 'assistant' },
  OFFER: { gold: 'OFFER', role: 'assistant' },
  CLAIMS_DONE: { gold: 'NOTIFY_SUCCESS', role: 'assistant' },
  CALL: { gold: 'CALL', role: 'assistant' },
  INFORM: { gold: 'INFORM', role: 'user' },
  AFFIRM: { gold: 'AFFIRM', role: 'user' },
  NEGATE: { gold: 'NEGATE', role: 'user' },
};
const SLOT_ACTS = new Set<ActType>(['REQUEST', 'CONFIRM', 'OFFER', 'INFORM']);

/** Tagger agreement with gold acts: per act, whether a message has it, and for slot acts which slots. */
export type ActScores = Record<string, Score>;

/** Accumulates tagger-vs-gold agreement over conversations. */
export class ActTally {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  /** Adds one conversation: our acts per message against the gold acts by message index. */
  add(messages: readonly ChatMessage[], ours: MessageActs, gold: Readonly<Record<string, readonly GoldAct[]>>): void {
    messages.forEach((message, i) => {
      for (const [type, spec] of Object.entries(GOLD_NAME) as Array<[ActType, { gold: string; role: string }]>) {
        if (message.role !== spec.role) continue;
        const mine = (ours[i] ?? []).filter((a) => a.act === type);
        const theirs = (gold[String(i)] ?? []).filter((a) => a.act === spec.gold);
        this.tally(type, presence(mine), presence(theirs));
        if (SLOT_ACTS.has(type)) this.tally(`${type}(slot)`, slots(mine), slots(theirs));
      }
    });
  }

  scores(): ActScores {
    return Object.fromEntries([...this.counts.entries()].map(([key, c]) => [key, score(c.tp, c.fp, c.fn)]));
  }

  private tally(key: string, predicted: ReadonlySet<string>, gold: ReadonlySet<string>): void {
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { tp: 0, fp: 0, fn: 0 }));
    for (const k of predicted) if (gold.has(k)) c.tp += 1; else c.fp += 1;
    for (const k of gold) if (!predicted.has(k)) c.fn += 1;
  }
}

/** Scores a tagger's acts against gold acts, one conversation at a time. */
export function scoreActs(conversations: Iterable<{ messages: readonly ChatMessage[]; acts: MessageActs; gold: Readonly<Record<string, readonly GoldAct[]>> }>): ActScores {
  const tally = new ActTally();
  for (const c of conversations) tally.add(c.messages, c.acts, c.gold);
  return tally.scores();
}

function presence(acts: readonly unknown[]): Set<string> {
  return new Set(acts.length > 0 ? ['*'] : []);
}

function slots(acts: ReadonlyArray<Pick<Act, 'slot'> | Pick<GoldAct, 'slot'>>): Set<string> {
  return new Set(acts.flatMap((a) => (a.slot ? [a.slot] : [])));
}
