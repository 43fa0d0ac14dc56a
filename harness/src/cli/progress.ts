import type { RunEvent } from '../core/events.js';
import type { CliIO } from './io.js';

/**
 * Progress on stderr. On a terminal one line is redrawn as conversations
 * finish; elsewhere (CI logs) nothing is printed until the end.
 */
export function createProgress(io: CliIO): (event: RunEvent) => void {
  const tty = Boolean(io.stderr.isTTY);
  let total = 0;
  let done = 0;
  const counts = { pass: 0, fail: 0, error: 0 };
  return (event) => {
    if (event.type === 'run-start') {
      total = event.total;
      done = event.alreadyDone ?? 0;
    }
    if (event.type === 'conversation-end') {
      done += 1;
      counts[event.outcome] += 1;
      if (tty) io.stderr.write(`\r\x1b[2K${renderProgress(done, total, counts)}`);
    }
    if (event.type === 'run-end' && tty) io.stderr.write('\r\x1b[2K');
  };
}

export function renderProgress(done: number, total: number, counts: { pass: number; fail: number; error: number }): string {
  return `slotcheck [${done}/${total}] ${counts.pass} passed · ${counts.fail} failed · ${counts.error} errors`;
}
