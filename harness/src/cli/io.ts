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
