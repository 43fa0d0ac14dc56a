import { join } from 'node:path';
import { expect } from 'vitest';
import { readJsonl } from './helpers.js';

export interface Line { id: string; outcome: string; failureClasses: string[] }
export interface FailureLine { conversationId: string; class: string }

/** Every planned conversation once, and each recorded one with exactly its failure records (none orphaned unless allowed). */
export async function expectExact(dir: string, planned: number, options: { orphansAllowed?: boolean } = {}): Promise<void> {
  const lines = await readJsonl<Line>(join(dir, 'transcripts.jsonl'));
  expect(lines.map((l) => l.id).sort()).toEqual([...new Set(lines.map((l) => l.id))].sort());
  expect(lines).toHaveLength(planned);
  const failures = await readJsonl<FailureLine>(join(dir, 'failures.jsonl'));
  const byConversation = new Map<string, Set<string>>();
  for (const f of failures) byConversation.set(f.conversationId, (byConversation.get(f.conversationId) ?? new Set()).add(f.class));
  for (const line of lines) expect([...(byConversation.get(line.id) ?? [])].sort(), line.id).toEqual([...line.failureClasses].sort());
  // Failures of a conversation whose transcript line was never written (a kill, a full disk) are what resume drops.
  if (!options.orphansAllowed) expect([...byConversation.keys()].every((id) => lines.some((l) => l.id === id))).toBe(true);
}

