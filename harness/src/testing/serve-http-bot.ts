// Starts the local HTTP bot service on its own, for the benchmark:
//   node harness/dist/testing/serve-http-bot.js --task bots/<name>/bot.yaml [--port 0]
// The task (a bot file's `task`, or a task file; YAML or JSON) gives the bot its tools. Prints one JSON line
// {"url": "http://127.0.0.1:PORT"}; stops on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { TaskSchema } from '../bot/task.js';
import { startHttpBotServer } from './http-bot-server.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, task: { type: 'string' } } });
if (!values.task) throw new Error('--task FILE is required');
const file = parse(readFileSync(values.task, 'utf8')) as { task?: unknown };
const server = await startHttpBotServer({ task: TaskSchema.parse(file.task ?? file), port: Number(values.port) });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
