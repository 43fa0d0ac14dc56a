import { setImmediate as nextTurn } from 'node:timers/promises';

/** Long enough that a warm step never pays for a turn of the event loop; short next to a model call. */
const SLICE_MS = 2;

/**
 * Lets synchronous work that runs beside model calls (judging a finished
 * conversation while others wait on the endpoint) give way to the event loop:
 * `await giveWay()` between steps yields a turn, after pending I/O, once the
 * current slice has run `sliceMs`, and is free otherwise. An answer that
 * arrives meanwhile is handled (and its conversation's next call sent)
 * without waiting for the whole of the work.
 */
export function createGiveWay(sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> | undefined {
  let sliceStart = now();
  return () => {
    if (now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = now();
    });
  };
}
