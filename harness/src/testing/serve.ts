// Starts the fake OpenAI-compatible server on its own, for the benchmark and for
// tests that run the CLI in a child process:
//   node harness/dist/testing/serve.js [--port 0] [--latency 50] [--jitter 0] [--faults rateLimited=0.05,reset=0.02]
// It plays the scripted bots and the models of standalone-models.ts (prompt-follower, refiner, user-sim).
// Prints one JSON line {"url": "http://127.0.0.1:PORT/v1"}; GET-free, stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startFakeOpenAIServer } from './fake-openai-server.js';
import { parseFaults } from './faults.js';
import { standaloneModels } from './standalone-models.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, latency: { type: 'string', default: '0' }, jitter: { type: 'string', default: '0' }, faults: { type: 'string', default: '' } },
});
const server = await startFakeOpenAIServer({
  port: Number(values.port),
  responders: standaloneModels(),
  latencyMs: Number(values.latency),
  jitterMs: Number(values.jitter),
  faults: parseFaults(values.faults),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
