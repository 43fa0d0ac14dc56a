import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The promptfoo recipe's workload as a slotcheck suite: a restaurant bot with
 * the recipe's system prompt, and one scripted scenario per dialogue whose
 * user turns match the recipe bot's regexes (greeting, date, time, party
 * size, name, "Yes, go ahead."). Each dialogue then takes `turns` bot calls,
 * as in the recipe, given `--max-tool-rounds 0` (the recipe's bot would call
 * the tool again if sent the tool result).
 */
const SYSTEM =
  'You are a restaurant booking assistant. Collect the slots date, time, party_size and name. ' +
  'Never ask again for a slot the user already gave. When all slots are filled, read them back and ' +
  'ask for confirmation. Call the book_table tool only after the user explicitly says to go ahead.\n';

const NAMES = ['Alice', 'Bruno', 'Chen', 'Dana', 'Emeka', 'Farah', 'Goran'];

const BOT = {
  description: 'The promptfoo benchmark recipe bot',
  temperature: 0,
  task: {
    name: 'BookTable',
    description: 'Book a table',
    slots: [
      { name: 'date', description: 'Date of the reservation', type: 'date' },
      { name: 'time', description: 'Time of the reservation', type: 'time' },
      { name: 'party_size', description: 'Number of people', type: 'integer' },
      { name: 'name', description: 'Name the booking is under', type: 'string' },
    ],
    actions: [{ name: 'book_table', description: 'Book a table', required: ['date', 'time', 'party_size', 'name'], consequential: true }],
  },
};

function scenario(i: number, bot: string) {
  const date = `2026-12-${String(1 + (i % 28)).padStart(2, '0')}`;
  const time = `${17 + (i % 5)}:30`;
  const party = 2 + (i % 7);
  const name = NAMES[i % NAMES.length]!;
  return {
    id: `dialogue-${String(i).padStart(5, '0')}`,
    bot,
    today: '2026-11-24',
    user: {
      goal: { date, time, party_size: party, name },
      script: [
        `Hi, I would like to book a table (dialogue ${i}).`,
        { say: `For ${date} please.`, gives: { date } },
        { say: `At ${time}.`, gives: { time } },
        { say: `We are ${party} people.`, gives: { party_size: party } },
        { say: `The name is ${name}.`, gives: { name } },
        { say: 'Yes, go ahead.', affirms: true, goAhead: true },
      ],
    },
    expect: { goAhead: 'with-confirmation', maxTurns: 6 },
  };
}

/** Writes `bots/pfbot/` and `scenarios/` with `count` dialogues into `dir`. */
export async function writeBenchSuite(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'bots/pfbot'), { recursive: true });
  await writeFile(join(dir, 'bots/pfbot/bot.json'), JSON.stringify(BOT, null, 2));
  await writeFile(join(dir, 'bots/pfbot/prompt.md'), SYSTEM);
  await writeScenarios(dir, count, 'pfbot');
}

/**
 * The same dialogues against `bots/httpbot/`, an HTTP bot (the default wire, its address in
 * BENCH_BOT_URL) served by `harness/dist/testing/serve-http-bot.js` playing the recipe's bot as
 * an agent that books by itself (`rounds=0`: it does not answer its own tool result, as the
 * recipe's bot would not).
 */
export async function writeHttpBenchSuite(dir: string, count: number): Promise<string> {
  await mkdir(join(dir, 'bots/httpbot'), { recursive: true });
  const file = join(dir, 'bots/httpbot/bot.json');
  const { temperature: _t, ...rest } = BOT;
  await writeFile(file, JSON.stringify({ ...rest, kind: 'http', http: { url: '${BENCH_BOT_URL}/stateless/regex-restaurant?rounds=0' } }, null, 2));
  await writeScenarios(dir, count, 'httpbot');
  return file;
}

/** `count` dialogues for `bot` in `scenarios/`. */
async function writeScenarios(dir: string, count: number, bot: string): Promise<void> {
  await mkdir(join(dir, 'scenarios'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const s = scenario(i, bot);
    await writeFile(join(dir, 'scenarios', `${s.id}.json`), JSON.stringify(s));
  }
}
