// The floor for the conversation phase: a bare node:http client (keep-alive, no SDK, no
// simulation, no judging) making the same requests with the same calls in flight.
// Usage: node floor-client.js URL CONVERSATIONS TURNS CONCURRENCY; prints {"phaseS": …}.
import http from 'node:http';

const [url, conversations, turns, concurrency] = [process.argv[2]!, ...process.argv.slice(3).map(Number)] as [string, number, number, number];
const agent = new http.Agent({ keepAlive: true });
const SYSTEM = 'You are a restaurant booking assistant. Collect the slots date, time, party_size and name.';
const USER = ['Hi, I would like to book a table.', 'For 2026-12-05 please.', 'At 19:30.', 'We are 4 people.', 'The name is Ada.', 'Yes, go ahead.'];

let free = concurrency;
const waiting: Array<() => void> = [];
const acquire = () => (free > 0 ? (free -= 1, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
const release = () => (waiting.length > 0 ? waiting.shift()!() : (free += 1));

function post(body: string): Promise<{ choices: Array<{ message: { content: string | null } }> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function conversation(): Promise<void> {
  const messages: Array<{ role: string; content: string | null }> = [{ role: 'system', content: SYSTEM }];
  for (let turn = 0; turn < turns; turn += 1) {
    messages.push({ role: 'user', content: USER[turn % USER.length]! });
    await acquire();
    try {
      messages.push({ role: 'assistant', content: (await post(JSON.stringify({ model: 'regex-restaurant', messages }))).choices[0]!.message.content });
    } finally {
      release();
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: conversations }, conversation));
process.stdout.write(`${JSON.stringify({ phaseS: (performance.now() - started) / 1000 })}\n`);
agent.destroy();
