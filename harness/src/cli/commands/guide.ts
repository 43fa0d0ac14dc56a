import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { endpointFromEnv, envSecrets, isModelConfigured } from '../../config.js';
import { openModelClient } from '../model-client.js';
import { SlotcheckError } from '../../core/errors.js';
import { checkPromptAgainstGuide, type GuideCheckResult } from '../../guide/check.js';
import { DEFAULT_GUIDE_NAME } from '../../guide/store.js';
import { writeLine, type CliIO } from '../io.js';
import { nonNegativeInt, seconds, modelName } from '../options.js';

interface CheckFlags {
  guides: string;
  guide: string;
  model?: string;
  json?: boolean;
  callTimeout: number;
  retries: number;
}

export function registerGuide(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const guide = program.command('guide').description('use the guides refine writes');
  guide
    .command('check')
    .description('which principles of a guide a bot prompt follows or violates, with quotes (needs a model)')
    .argument('<prompt>', 'the prompt file, e.g. bots/restaurant/prompt.md')
    .option('--guides <dir>', 'folder of guides', 'guides')
    .option('--guide <name>', 'guide to check against', DEFAULT_GUIDE_NAME)
    .option('--model <name>', 'the model that reads the prompt', modelName)
    .option('--json', 'print the result as JSON')
    .option('--call-timeout <seconds>', 'time-out per model call', seconds, 60)
    .option('--retries <n>', 'retries per model call on 429, 5xx and connection errors', nonNegativeInt, 3)
    .action(async (prompt: string, flags: CheckFlags) => {
      const endpoint = endpointFromEnv(io.env);
      if (!isModelConfigured(endpoint)) throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'guide check needs a model: set OPENAI_BASE_URL and/or OPENAI_API_KEY, and pass --model');
      if (!flags.model) throw new SlotcheckError('USAGE', 'guide check needs --model NAME: the model that reads the prompt');
      const model = await openModelClient(endpoint, { concurrency: 1, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch);
      const result = await checkPromptAgainstGuide(
        { promptFile: resolve(io.cwd, prompt), guidesDir: resolve(io.cwd, flags.guides), guideName: flags.guide, metaModelName: flags.model },
        { model, display: displayPath(io.cwd), secrets: envSecrets(io.env), ...(io.signal ? { signal: io.signal } : {}) },
      );
      if (flags.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
      else printCheck(io, result);
      // Like a linter: a violated principle is a finding (1).
      setExit(result.results.some((r) => r.verdict === 'violates') ? 1 : 0);
    });
}

function printCheck(io: CliIO, result: GuideCheckResult): void {
  writeLine(io.stdout, `${result.promptFile} against ${result.guide.file} (${result.results.length} principles):`);
  for (const r of result.results) {
    const seed = r.status === 'unverified-seed' ? ' [unverified seed]' : '';
    writeLine(io.stdout, `  ${r.verdict.padEnd(8)} ${r.title}${seed}`);
    if (r.quote) writeLine(io.stdout, `           "${r.quote}"`);
    if (r.explanation) writeLine(io.stdout, `           ${r.explanation}`);
  }
  const count = (v: string) => result.results.filter((r) => r.verdict === v).length;
  writeLine(io.stdout, `${count('follows')} followed, ${count('violates')} violated, ${count('silent')} not addressed`);
}
