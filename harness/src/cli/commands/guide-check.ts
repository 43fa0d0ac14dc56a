import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { endpointFromEnv, envSecrets, isModelConfigured } from '../../config.js';
import { SlotcheckError } from '../../core/errors.js';
import type { GuideCheckResult } from '../../guide/check.js';
import { checkGuide } from '../../guide/check-guide.js';
import type { GuideHealth } from '../../guide/health.js';
import { openModelClient } from '../model-client.js';
import { writeLine, type CliIO } from '../io.js';
import { callOptions, guideOptions, modelName } from '../options.js';

interface CheckFlags {
  guides: string;
  guide: string;
  model?: string;
  json?: boolean;
  callTimeout: number;
  retries: number;
}

export function registerGuideCheck(guide: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = guide
    .command('check')
    .description('the guide\'s health (contradictions, near-duplicates, unverified principles) and, given a prompt, which principles it follows or violates, with quotes')
    .argument('[prompt]', 'a prompt file to check against the guide, e.g. bots/restaurant/prompt.md (needs a model)');
  callOptions(guideOptions(command, 'guide to check'))
    .option('--model <name>', 'the model that judges contradictions and reads the prompt', modelName)
    .option('--json', 'print the result as JSON')
    .action(async (prompt: string | undefined, flags: CheckFlags) => {
      const endpoint = endpointFromEnv(io.env);
      if (prompt && !isModelConfigured(endpoint)) throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'guide check needs a model to read a prompt: set OPENAI_BASE_URL and/or OPENAI_API_KEY, and pass --model (without PROMPT it checks the guide\'s health offline)');
      if (prompt && !flags.model) throw new SlotcheckError('USAGE', 'guide check needs --model NAME: the model that reads the prompt');
      const model = isModelConfigured(endpoint) && flags.model ? await openModelClient(endpoint, { concurrency: 1, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch) : undefined;
      const result = await checkGuide(
        { guidesDir: resolve(io.cwd, flags.guides), guideName: flags.guide, ...(prompt ? { promptFile: resolve(io.cwd, prompt) } : {}), ...(flags.model ? { metaModelName: flags.model } : {}) },
        { display: displayPath(io.cwd), secrets: envSecrets(io.env), ...(model ? { model } : {}), ...(io.signal ? { signal: io.signal } : {}) },
      );
      if (flags.json) writeLine(io.stdout, JSON.stringify({ ...(result.prompt ?? {}), guide: result.guide, health: result.health }, null, 2));
      else {
        printHealth(io, result.guide.file, result.health);
        if (result.prompt) printPromptCheck(io, result.prompt);
      }
      setExit(result.exitCode);
    });
}

function printHealth(io: CliIO, file: string, health: GuideHealth): void {
  writeLine(io.stdout, `${file}: ${health.principles} principles`);
  if (health.contradictions) {
    writeLine(io.stdout, `  contradictions: ${health.contradictions.length === 0 ? 'none' : health.contradictions.length}`);
    for (const c of health.contradictions) writeLine(io.stdout, `    ${c.titles[0]} ⟷ ${c.titles[1]}: ${c.explanation}`);
  } else writeLine(io.stdout, `  contradictions: not judged (${health.problem ?? 'no model: the meta-prompt that would be sent is below'})`);
  writeLine(io.stdout, `  near-duplicates left unmerged: ${health.nearDuplicates.length === 0 ? 'none' : health.nearDuplicates.length}`);
  for (const d of health.nearDuplicates) writeLine(io.stdout, `    ${d.titles[0]} ≈ ${d.titles[1]} (${Math.round(d.similarity * 100)} % of their words${d.sharedClasses.length ? `; both prevent ${d.sharedClasses.join(', ')}` : ''})`);
  writeLine(io.stdout, `  without verified provenance: ${health.unverified.length === 0 ? 'none' : health.unverified.length}`);
  for (const u of health.unverified) writeLine(io.stdout, `    ${u.title}: ${u.why}`);
  if (health.metaPrompt && !health.problem) writeLine(io.stdout, `\n${health.metaPrompt}`);
}

function printPromptCheck(io: CliIO, result: GuideCheckResult): void {
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
