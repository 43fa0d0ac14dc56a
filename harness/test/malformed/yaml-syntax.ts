import { scenario, botYaml, type BadInput } from './case.js';

/** Item 6: every YAML syntax error names its own line, in scenarios and in bot.yaml; partials and duplicate ids too. */
export const YAML_SYNTAX: BadInput[] = [
  { name: 'a scenario with an unclosed flow map', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:3: /m },
  { name: 'a scenario indented with a tab', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n\tgoal: { date: 2026-12-05 }\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:3: Tabs are not allowed/m },
  { name: 'a scenario with a duplicate key', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\nbot: restaurant\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:4: Map keys must be unique/m },
  { name: 'a scenario with an unterminated quote', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal: { name: "Ada }\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:3: /m },
  { name: 'a scenario with a bad indent', files: { 'scenarios/broken.yaml': 'bot: restaurant\nuser:\n  goal:\n    date: 2026-12-05\n   time: "19:00"\n' }, expected: /^slotcheck: scenarios\/broken\.yaml:5: /m },
  { name: 'a scenario file holding two YAML documents', files: { 'scenarios/broken.yaml': `${scenario('    date: 2026-12-05')}---\n${scenario('    date: 2026-12-06')}` }, expected: /^slotcheck: scenarios\/broken\.yaml:5: a second YAML document starts here/m },
  { name: 'a JSON scenario with a trailing comma', files: { 'scenarios/broken.json': '{\n  "bot": "restaurant",\n  "user": { "goal": { "date": "2026-12-05" } },\n}\n' }, expected: /^slotcheck: scenarios\/broken\.json:4: not valid JSON/m },
  { name: 'a JSON scenario with a duplicate key', files: { 'scenarios/broken.json': '{\n  "bot": "restaurant",\n  "user": { "goal": { "date": "2026-12-05" } },\n  "bot": "restaurant"\n}\n' }, expected: /^slotcheck: scenarios\/broken\.json:4: key "bot" is given twice/m },
  { name: 'bot.yaml with an unclosed flow sequence', files: { 'bots/restaurant/bot.yaml': 'model: x\ntask:\n  name: T\n  slots: [\n' }, expected: /bots\/restaurant\/bot\.yaml:4: /m },
  { name: 'bot.yaml indented with a tab', files: { 'bots/restaurant/bot.yaml': 'model: x\ntask:\n\tname: T\n' }, expected: /bots\/restaurant\/bot\.yaml:3: Tabs are not allowed/m },
  { name: 'bot.yaml with a duplicate key', files: { 'bots/restaurant/bot.yaml': botYaml('model: y\n') }, expected: /bots\/restaurant\/bot\.yaml:5: Map keys must be unique/m },
  { name: 'bot.yaml with an unterminated quote', files: { 'bots/restaurant/bot.yaml': 'model: x\ndescription: "Books tables\ntask:\n  name: T\n' }, expected: /bots\/restaurant\/bot\.yaml:[234]: /m },
  { name: 'bot.yaml with a bad indent', files: { 'bots/restaurant/bot.yaml': 'model: x\ntask:\n    name: T\n  description: d\n' }, expected: /bots\/restaurant\/bot\.yaml:4: /m },
  { name: 'bot.yaml holding two YAML documents', files: { 'bots/restaurant/bot.yaml': `${botYaml()}---\n${botYaml()}` }, expected: /bots\/restaurant\/bot\.yaml:14: a second YAML document starts here/m },
  { name: 'an unknown partial in the prompt', files: { 'bots/restaurant/prompt.md': 'Hello.\n\n{{> house_rules}}\n' }, expected: /bots\/restaurant\/prompt\.md:3: template error: The partial house_rules could not be found/ },
  { name: 'an unclosed block in the prompt', files: { 'bots/restaurant/prompt.md': 'Hello.\n{{#each task.slots}}\n- {{name}}\n' }, expected: /bots\/restaurant\/prompt\.md:[23]: template error/ },
  { name: 'a duplicate scenario id, on its id line', files: { 'scenarios/copy.yaml': '# a copy\nid: dinner-for-four\nbot: restaurant\nuser:\n  goal: { date: 2026-12-05 }\n' }, expected: /^slotcheck: scenarios\/restaurant\/dinner-for-four\.yaml:2: field "id": scenario id "dinner-for-four" is already used by scenarios\/copy\.yaml/m },
];


