import type { Job } from './runner.js';

/** Conversations kept going per call slot of the endpoint, and the most beyond two per slot (memory). */
const CONVERSATIONS_PER_CALL_SLOT = 8;
const CONVERSATIONS_IN_FLIGHT = 256;
/** The most calls by which conversations started together are staggered. */
const STAGGER_CALLS = 6;

/**
 * How many conversations a run keeps going for `concurrency` model calls in
 * flight. More than the calls: the slots stay busy while some conversations
 * are between turns (simulating the user, judging), and as the least advanced
 * conversation's call goes first (see conversationModel), they all advance
 * together, so a run does not end with its last conversations playing alone,
 * one call at a time. A concurrency of 1 stays strictly one conversation at a
 * time: what a user asking for it expects.
 */
export function conversationsInFlight(concurrency: number): number {
  return concurrency === 1 ? 1 : Math.max(2 * concurrency, Math.min(CONVERSATIONS_PER_CALL_SLOT * concurrency, CONVERSATIONS_IN_FLIGHT));
}

/**
 * Calls each conversation counts as already made when the slots pick the
 * least advanced one. In strict step, conversations would all end (and be
 * judged and written) in the run's last few rounds of calls, slowing those
 * down; with the later-started ones a few calls behind, they end over the
 * run's second half. The stagger leaves at least `concurrency` conversations
 * for the last round, so the slots stay full to the end.
 */
export function staggerHandicaps(jobs: readonly Job[], concurrency: number, inFlight: number): Map<string, number> {
  const stagger = Math.max(0, Math.min(STAGGER_CALLS, jobs.length / concurrency - 1));
  return new Map(jobs.map((job, i) => [job.conversationId, (stagger * (i % inFlight)) / inFlight]));
}
