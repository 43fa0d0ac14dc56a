import type { Act } from '../annotate/acts.js';
import type { ChatMessage } from '../transcript/schema.js';

/** One user message and what it does: the simulator's ground truth. */
export interface UserTurn {
  content: string;
  acts: Act[];
}

/** What the simulator sees of the conversation when it is its turn. */
export interface SimulatorView {
  messages: readonly ChatMessage[];
  /** Acts of everything the bot said and did since the user's last turn. */
  botActs: readonly Act[];
  /** Whether the bot has performed a consequential action. */
  actionDone: boolean;
}

/** A simulated user. `respond` returns null when the user ends the conversation. */
export interface UserSimulator {
  readonly kind: 'rule' | 'scripted' | 'llm';
  open(options?: { signal?: AbortSignal }): Promise<UserTurn>;
  respond(view: SimulatorView, options?: { signal?: AbortSignal }): Promise<UserTurn | null>;
}
