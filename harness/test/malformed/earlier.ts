import { RUN, type BadInput } from './case.js';

/** Cases from before issue 14. */
export const EARLIER: BadInput[] = [
  { name: 'a wrong type', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\nexpect:\n  maxTurns: many\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:5: field "expect\.maxTurns": .*number/m },
  { name: 'an unknown field', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n  colour: blue\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:4: field "user\.colour": unknown field "colour"/m },
  { name: 'a slot the bot does not have', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal:\n    date: 2026-12-05\n    shoe_size: 44\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:5: field "user\.goal\.shoe_size": slot "shoe_size" is not in bot "restaurant"'s task/m },
  { name: 'an unknown bot', files: { 'scenarios/broken.yaml': 'user:\n  goal: { date: 2026-12-05 }\nbot: nobody\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:3: field "bot": bot "nobody" not found/m },
  { name: 'malformed YAML', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:\d+: /m },
  { name: 'malformed JSON', files: { 'scenarios/broken.json': '{\n  "bot": "restaurant",\n  "user": { "goal": { "date": "2026-12-05" } },,\n}\n' }, expected: /^slotcheck: scenarios\/broken\.json:3: not valid JSON/m },
  { name: 'a duplicate scenario id', files: { 'scenarios/copy.yaml': 'id: dinner-for-four\nbot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n' }, expected: /^slotcheck: scenarios\/restaurant\/dinner-for-four\.yaml:2: field "id": scenario id "dinner-for-four" is already used by scenarios\/copy\.yaml/m },
  { name: 'malformed YAML in bot.yaml', files: { 'bots/restaurant/bot.yaml': 'model: x\ntask:\n  name: [unclosed\n' }, expected: /bots\/restaurant\/bot\.yaml:\d+: /m },
  { name: 'an unknown field in bot.yaml', files: { 'bots/restaurant/bot.yaml': 'temperature: 0\nflavour: spicy\ntask:\n  name: T\n  description: d\n  slots: []\n  actions: []\n' }, expected: /bots\/restaurant\/bot\.yaml:2: field "flavour": unknown field "flavour"/m },
  { name: 'a template error in the prompt', files: { 'bots/restaurant/prompt.md': 'Hello.\nToday is {{todya}}.\n' }, expected: /bots\/restaurant\/prompt\.md:2: template error: "todya" not defined/ },
  { name: 'a bot named by a path out of bots/', files: { 'scenarios/broken.yaml': 'bot: ../../etc\nuser:\n  goal: { date: 2026-12-05 }\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:1: field "bot": bot "\.\.\/\.\.\/etc" is a path; a bot is named by its folder under bots/m },
  { name: 'a prompt symlinked to a file outside the project', links: { 'bots/restaurant/prompt.md': 'prompt.md' }, expected: /bots\/restaurant\/prompt\.md: the prompt of bot "restaurant" resolves outside bots/ },
  { name: 'a scenario symlinked to a file outside the project', links: { 'scenarios/elsewhere.yaml': 'scenario.yaml' }, expected: /scenarios\/elsewhere\.yaml: a symlink resolves outside scenarios/ },
  { name: 'an unknown detector id', commands: [[...RUN, '--detectors', 're-ask,nonsense']], expected: /unknown detector "nonsense"; known: re-ask, premature-action/ },
  { name: '--simulator scripted for scenarios without a script', commands: [[...RUN, '--simulator', 'scripted']], expected: /--simulator scripted needs user\.script in every scenario; none in scenarios\/restaurant\/all-at-once\.yaml/ },
  { name: 'an unknown option', commands: [['run', '--trails', '3']], expected: /unknown option '--trails'/ },
  { name: 'no model configured', commands: [['run']], env: {}, expected: /OPENAI_BASE_URL/ },
  { name: 'a shard out of range', commands: [[...RUN, '--shard', '4/3']], expected: /--shard "4\/3": expected i\/n with 1 ≤ i ≤ n/ },
  { name: 'resuming a folder that is not a run', commands: [['run', '--resume', 'scenarios']], expected: /scenarios: not a run folder \(no run\.json\)/ },
  { name: 'merging a folder that is not a run', commands: [['merge', 'bots']], expected: /bots: not a run folder/ },
  { name: 'a malformed JSONL line to analyze', files: { 'log.jsonl': '{"id": "a", "messages": [{"role": "user", "content": "hi"}]}\n{"id": "b", "mess\n' }, commands: [['analyze', 'log.jsonl', '--task', 'bots/restaurant/bot.yaml']], expected: /^slotcheck: log\.jsonl:2: not valid JSON/m },
  { name: 'a CSV with an unclosed quote to analyze', files: { 'log.csv': 'conversation_id,role,content\na,user,"hello\n' }, commands: [['analyze', 'log.csv', '--task', 'bots/restaurant/bot.yaml']], expected: /^slotcheck: log\.csv:\d+: .*quote/mi },
  { name: 'a task file with an unknown field', files: { 'task.yaml': 'name: T\ndescription: d\nslots: []\nactions: []\ncolour: red\n' , 'log.csv': 'conversation_id,role,content\na,user,hi\n' }, commands: [['analyze', 'log.csv', '--task', 'task.yaml']], expected: /^slotcheck: task\.yaml:5: field "colour": unknown field/m },
];
