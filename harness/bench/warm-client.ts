// The harness at its best: `slotcheck run` of the bench suite several times in one process, so
// that later runs pay no process start-up and run code the JIT has already compiled. Each run is
// timed in-process through node:http's diagnostics channels: its first model request to its last
// answer (the conversations), then to the run's end (judging the last ones, reports).
// Usage: node warm-client.js REPO PROJECT OUT URL CONCURRENCY RUNS; prints [{"conversationsS", "reportsS"}, …].
import { subscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';

const [repo, project, out, url, concurrency, runs] = process.argv.slice(2) as [string, string, string, string, string, string];
const { main } = (await import(pathToFileURL(join(repo, 'harness/dist/bundle/main.js')).href)) as { main: (argv: string[], io: object) => Promise<number> };

let first: number | undefined;
let last = 0;
subscribe('http.client.request.start', () => {
  first ??= performance.now();
});
subscribe('http.client.response.finish', () => {
  last = performance.now();
});

// A real stream that drops what it is given: the CLI listens for its errors (a reader that closed the pipe).
const quiet = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: false });
const results: Array<{ conversationsS: number; reportsS: number }> = [];
for (let i = 0; i < Number(runs); i += 1) {
  first = undefined;
  const code = await main(['run', '--model', 'regex-restaurant', '--max-tool-rounds', '0', '--out', join(out, `warm-${process.pid}-${i}`), '--concurrency', concurrency], {
    env: { PATH: process.env.PATH, OPENAI_BASE_URL: url }, cwd: project, stdout: quiet, stderr: quiet,
  });
  const end = performance.now();
  if (code !== 0 || first === undefined) throw new Error(`warm run ${i} exited ${code}`);
  results.push({ conversationsS: (last - first) / 1000, reportsS: (end - last) / 1000 });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
