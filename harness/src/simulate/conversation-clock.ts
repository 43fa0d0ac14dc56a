import type { CallSlot } from '../bot/driver.js';
import type { ChatModel } from '../model/chat-model.js';

/** A conversation's time-out, which does not run while the conversation waits for a free call slot. */
export interface ConversationClock {
  /** Aborts at the time-out (reason a TimeoutError) or when the run is interrupted. */
  signal: AbortSignal;
  /** Stops the clock (waiting for a slot) or starts it again. */
  hold(held: boolean): void;
  dispose(): void;
}

/**
 * The time-out is about the conversation, not the run around it: a run keeps
 * several conversations per call slot going, and time spent queued behind
 * them is not counted. Disposed when the conversation ends, so a long run
 * does not keep one pending timer per finished conversation (as
 * AbortSignal.timeout would, for the whole time-out).
 */
export function conversationClock(timeoutMs: number, run: AbortSignal | undefined, now: () => number = performance.now.bind(performance)): ConversationClock {
  const controller = new AbortController();
  const expire = () => controller.abort(new DOMException('the conversation ran past its time-out', 'TimeoutError'));
  let left = timeoutMs;
  let since = now();
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(expire, left);
  const onRunAbort = () => controller.abort(run?.reason);
  if (run?.aborted) onRunAbort();
  else run?.addEventListener('abort', onRunAbort, { once: true });
  return {
    signal: controller.signal,
    hold(held) {
      if (held && timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        left -= now() - since;
      } else if (!held && timer === undefined && !controller.signal.aborted) {
        since = now();
        timer = setTimeout(expire, Math.max(0, left));
      }
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
      run?.removeEventListener('abort', onRunAbort);
    },
  };
}

/**
 * The slot of each call a conversation makes, to the bot or the model of its
 * user: calls stop the clock while they wait for a slot, and the
 * conversation that has made the fewest calls (plus its `handicap`) goes
 * first, so all of them advance together and the run does not end with a few
 * conversations finishing alone, one call at a time.
 */
export function callSchedule(clock: Pick<ConversationClock, 'hold'>, handicap = 0): () => CallSlot {
  let calls = handicap;
  return () => {
    calls += 1;
    return { priority: -calls, onQueue: (queued) => clock.hold(queued) };
  };
}

/** The run's model as one conversation uses it: each call takes the conversation's next slot. */
export function conversationModel(model: ChatModel, nextCall: () => CallSlot): ChatModel {
  return {
    endpoint: model.endpoint,
    complete: (request, options) => model.complete(request, { ...nextCall(), ...options }),
  };
}
