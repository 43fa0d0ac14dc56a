import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../bot/load.js';
import { endpointFromEnv, envSecrets, isModelConfigured } from '../../config.js';
import { applyGuideToPrompt, type GuideApplyResult } from '../../guide/apply-file.js';
import { openModelClient } from '../model-client.js';
import { writeLine, type CliIO } from '../io.js';
import { callOptions, guideOptions, list, modelName } from '../options.js';

interface ApplyFlags {
  guides: string;
  guide: string;
  principles?: string[];
  out?: string;
  model?: string;
  callTimeout: number;
  retries: number;
}

export function registerGuideApply(guide: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = guide
    .command('apply')
    .description('revise a bot prompt so that it follows the guide\'s principles: the revised prompt, a diff and the lines that follow each principle, beside the prompt (offline: prints the meta-prompt)')
    .argument('<prompt>', 'the prompt file, e.g. bots/clinic/prompt.md');
  callOptions(guideOptions(command, 'guide to apply'))
    .option('--principles <ids>', 'comma-separated principle ids (default: every verified principle)', list)
    .option('--out <file>', 'the revised prompt (default: <prompt>.applied.md beside it; the .diff and .json go beside it)')
    .option('--model <name>', 'the model that revises the prompt', modelName)
    .action(async (prompt: string, flags: ApplyFlags) => {
      const endpoint = endpointFromEnv(io.env);
      const online = isModelConfigured(endpoint) && flags.model !== undefined;
      const model = online ? await openModelClient(endpoint, { concurrency: 1, callTimeoutMs: flags.callTimeout * 1000, retries: flags.retries }, io.fetch) : undefined;
      const result = await applyGuideToPrompt(
        {
          promptFile: resolve(io.cwd, prompt), guidesDir: resolve(io.cwd, flags.guides), guideName: flags.guide,
          ...(flags.principles ? { principleIds: flags.principles } : {}), ...(flags.out ? { outFile: resolve(io.cwd, flags.out) } : {}), ...(flags.model ? { metaModelName: flags.model } : {}), env: io.env,
        },
        { clock: io.clock ?? (() => new Date()), display: displayPath(io.cwd), secrets: envSecrets(io.env), ...(model ? { model } : {}), ...(io.signal ? { signal: io.signal } : {}) },
      );
      if (result.mode === 'offline') {
        const why = isModelConfigured(endpoint) ? 'no --model given' : 'no model configured (set OPENAI_BASE_URL and/or OPENAI_API_KEY, and pass --model)';
        writeLine(io.stderr, `slotcheck guide apply: ${why}: this is the meta-prompt it would send (principles ${result.principleIds.join(', ')}); nothing was changed.`);
        writeLine(io.stdout, result.metaPrompt);
      } else printApplied(io, result);
      setExit(0);
    });
}

function printApplied(io: CliIO, result: Exclude<GuideApplyResult, { mode: 'offline' }>): void {
  const { record } = result;
  if (result.mode === 'unchanged') writeLine(io.stdout, `${record.promptFile} already follows ${record.principles.length === 1 ? 'the principle' : `all ${record.principles.length} principles`}: nothing written.`);
  else writeLine(io.stdout, `${record.promptFile} → ${record.outFile} (${record.patch!.edits.length} edit${record.patch!.edits.length > 1 ? 's' : ''}; diff: ${record.diffFile})`);
  for (const p of record.principles) {
    writeLine(io.stdout, `  ${p.title}${p.status === 'unverified-seed' ? ' [unverified seed]' : ''}`);
    for (const l of p.lines) writeLine(io.stdout, `    line ${l.line}: ${l.text}`);
  }
}
