import { ANALYZE_LOG, RUN, botYaml, conversationLine, GREETING, scenario, type BadInput } from './case.js';

const ALIAS_BOMB = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const CSV_HEAD = 'conversation_id,role,content,tool_calls\na,user,hello,\n';

/** Item 9: what used to crash with a stack trace or leave a run folder. */
export const CRASHES: BadInput[] = [
  { name: 'a YAML alias bomb in a scenario', files: { 'scenarios/broken.yaml': `${scenario('    date: 2026-12-05')}${ALIAS_BOMB.replace(/^(\w): /gm, 'x_$1: ')}` }, expected: /^slotcheck: scenarios\/broken\.yaml:\d+: YAML aliases \(\*name\) expand to too many values/m },
  { name: 'a YAML alias bomb in bot.yaml', files: { 'bots/restaurant/bot.yaml': botYaml(`description: *d\n`).replace('model: m\n', `${ALIAS_BOMB.replace(/^(\w): /gm, 'x_$1: ')}model: m\n`) }, expected: /bots\/restaurant\/bot\.yaml:\d+: (YAML aliases|field)/m },
  { name: 'a scenario nested 100 levels deep', files: { 'scenarios/broken.yaml': `${scenario('    date: 2026-12-05')}tags: ${nested(100)}\n` }, expected: /^slotcheck: scenarios\/broken\.yaml:5: values nested more than 64 levels deep/m },
  { name: 'a scenario nested 20,000 levels deep', files: { 'scenarios/broken.yaml': `${scenario('    date: 2026-12-05')}tags: ${nested(20_000)}\n` }, expected: /^slotcheck: scenarios\/broken\.yaml:5: values nested more than 64 levels deep/m },
  { name: 'a JSON scenario nested 20,000 levels deep', files: { 'scenarios/broken.json': `{"bot": "restaurant",\n"user": {"goal": {"date": "2026-12-05"}},\n"tags": ${nested(20_000)}}\n` }, expected: /^slotcheck: scenarios\/broken\.json:3: values nested more than 64 levels deep/m },
  { name: 'bot.yaml variables nested 100 levels deep', files: { 'bots/restaurant/bot.yaml': botYaml(`  deep: ${nested(100)}\n`).replace('variables:\n', 'variables:\n') }, expected: /bots\/restaurant\/bot\.yaml:5: values nested more than 64 levels deep/m },
  { name: '--out that is a file', files: { 'out.txt': 'notes\n' }, commands: [[...RUN, '--out', 'out.txt']], expected: /--out out\.txt: is a file; name a folder/ },
  { name: '--out under a file', files: { 'out.txt': 'notes\n' }, commands: [[...RUN, '--out', 'out.txt/run-1']], expected: /--out out\.txt\/run-1: out\.txt is a file; name a folder/ },
  { name: '--reports that is a file', files: { 'reports.txt': 'notes\n' }, commands: [[...RUN, '--reports', 'reports.txt']], expected: /--reports reports\.txt: is a file; name a folder/ },
  { name: 'analyze --out that is a file', files: { 'out.txt': 'notes\n', 'log.jsonl': `${conversationLine('a', [GREETING])}\n` }, commands: ANALYZE_LOG('log.jsonl', '--out', 'out.txt'), expected: /--out out\.txt: is a file; name a folder/ },
  { name: 'analyze --reports that is a file', files: { 'reports.txt': 'notes\n', 'log.jsonl': `${conversationLine('a', [GREETING])}\n` }, commands: ANALYZE_LOG('log.jsonl', '--reports', 'reports.txt'), expected: /--reports reports\.txt: is a file; name a folder/ },
  { name: 'CSV tool_calls that are an object, not a list', files: { 'log.csv': `${CSV_HEAD}a,assistant,,"{""name"":""book_table""}"\n` }, commands: ANALYZE_LOG('log.csv'), expected: /^slotcheck: log\.csv:3: field "tool_calls": expected a JSON array of/m },
  { name: 'CSV tool_calls that are a list of strings', files: { 'log.csv': `${CSV_HEAD}a,assistant,,"[""book_table""]"\n` }, commands: ANALYZE_LOG('log.csv'), expected: /^slotcheck: log\.csv:3: field "tool_calls\.0": /m },
  { name: 'CSV tool_calls that are not JSON', files: { 'log.csv': `${CSV_HEAD}a,assistant,,book_table(date=today)\n` }, commands: ANALYZE_LOG('log.csv'), expected: /^slotcheck: log\.csv:3: field "tool_calls": not valid JSON/m },
  { name: 'analyze of a folder', commands: ANALYZE_LOG('scenarios'), expected: /^slotcheck: scenarios: is a folder; analyze reads one \.jsonl or \.csv file/m },
  { name: 'analyze of a missing file', commands: ANALYZE_LOG('logs/missing.jsonl'), expected: /^slotcheck: logs\/missing\.jsonl: no such file/m },
  { name: '--replay of a missing folder', env: {}, commands: [[...RUN, '--replay', 'recordings']], expected: /--replay recordings: no such folder of recordings/ },
  { name: '--replay of a file', env: {}, files: { 'recordings': 'x\n' }, commands: [[...RUN, '--replay', 'recordings']], expected: /--replay recordings: no such folder of recordings/ },
  { name: '--cache-dir that is a file', files: { 'cache.txt': 'x\n' }, commands: [[...RUN, '--cache', 'write', '--cache-dir', 'cache.txt']], expected: /--cache-dir cache\.txt: is a file; name a folder/ },
  { name: '--guides that is a file', files: { 'guides.txt': 'x\n' }, commands: [[...RUN, '--guides', 'guides.txt']], expected: /--guides guides\.txt: is a file; name a folder/ },
  { name: '--tagger-cache that is a file', files: { 'cache.txt': 'x\n' }, commands: [[...RUN, '--tagger', 'llm', '--tagger-cache', 'cache.txt']], expected: /--tagger-cache cache\.txt: is a file; name a folder/ },
  { name: 'schema --out that is a file', files: { 'schemas.txt': 'x\n' }, commands: [['schema', '--out', 'schemas.txt']], expected: /--out schemas\.txt: is a file; name a folder/ },
  { name: 'an empty scenario file', files: { 'scenarios/empty.yaml': '# nothing yet\n' }, expected: /^slotcheck: scenarios\/empty\.yaml:1: expected a mapping of fields \(name: value, one a line\), found an empty file/m },
  { name: 'a scenario file holding a list', files: { 'scenarios/list.yaml': '- bot: restaurant\n' }, expected: /^slotcheck: scenarios\/list\.yaml:1: expected a mapping of fields .*, found a list/m },
  { name: 'a JSONL line that is a list', files: { 'log.jsonl': `${conversationLine('a', [GREETING])}\n["b", []]\n` }, commands: ANALYZE_LOG('log.jsonl'), expected: /^slotcheck: log\.jsonl:2: expected a JSON object, found a list/m },
  { name: 'an OPENAI_BASE_URL without a scheme', env: { OPENAI_BASE_URL: 'localhost:11434/v1' }, commands: [RUN], expected: /OPENAI_BASE_URL is not an http\(s\) URL; set it like http:\/\/localhost:11434\/v1/ },
  { name: 'an OPENAI_BASE_URL that is not a URL', env: { OPENAI_BASE_URL: 'my gateway' }, commands: [RUN, ['example']], expected: /OPENAI_BASE_URL is not an http\(s\) URL/ },
];
