/** One malformed input: the files that make it, the commands that must refuse it, and what they must say. */
export interface BadInput {
  name: string;
  /** The issue item it covers (6 to 9 of issue 14), or "earlier" for cases that predate it. */
  item?: 6 | 7 | 8 | 9 | 'earlier';
  /** Files to write, relative to the project (a Buffer for bytes that are not UTF-8). */
  files?: Record<string, string | Buffer>;
  /** Folders to create. */
  dirs?: string[];
  /** Symlinks to create: project path → target outside the project (created under a temp folder). */
  links?: Record<string, string>;
  /** Commands to run; each must exit 2 with the message. Default: validate and run. */
  commands?: string[][];
  env?: NodeJS.ProcessEnv;
  /** What stderr must say: the file and line where there is one. */
  expected: RegExp;
}

/** A port nothing listens on: bad input must fail before any model call. */
export const ENV = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
export const RUN = ['run', '--model', 'careful'];
export const ANALYZE_LOG = (file: string, ...rest: string[]) => [['analyze', file, '--task', 'bots/restaurant/bot.yaml', ...rest]];

/** A scenario for the bundled restaurant bot with the given goal lines (YAML, indented under `goal:`). */
export function scenario(goal: string, more = ''): string {
  return `bot: restaurant\nuser:\n  goal:\n${goal}\n${more}`;
}

/** A bot.yaml for the restaurant task with extra top-level text (variables, toolResults, …). */
export function botYaml(extra = '', slots = ''): string {
  return `model: m\nvariables:\n  restaurant: Chez Ada\n  opening_hours: noon to ten\n${extra}task:\n  name: BookTable\n  slots:\n    - { name: date, type: date }\n    - { name: time, type: time }\n    - { name: party_size, type: integer }\n    - { name: name, type: string }\n${slots}  actions:\n    - { name: book_table, required: [date, time, party_size, name], consequential: true }\n`;
}

/** A JSONL line of a conversation for the restaurant task, with these messages. */
export function conversationLine(id: string, messages: unknown[]): string {
  return JSON.stringify({ id, messages });
}

export const GREETING = { role: 'user', content: 'A table for two, please.' };
export function call(name: string, args: string): unknown {
  return { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name, arguments: args } }] };
}
