/** What the CLI touches of the outside world, injected so tests run it in-process. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  signal?: AbortSignal;
  /** Replaces the transport of the openai client (tests only). */
  fetch?: typeof fetch;
  clock?: () => Date;
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

const guarded = new WeakSet<object>();

/**
 * A reader that stops early (`slotcheck run … | head -1`) closes the pipe:
 * the next write fails with EPIPE, which unhandled would kill the process
 * with exit 1, the code for "bot failures found". Output that nobody reads
 * any more is dropped quietly; the run's exit code stands.
 */
export function quietOnClosedOutput(io: Pick<CliIO, 'stdout' | 'stderr'>): void {
  for (const stream of [io.stdout, io.stderr]) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    stream.on('error', () => undefined);
  }
}
