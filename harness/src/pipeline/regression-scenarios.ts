import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { annotateConversation } from '../annotate/annotate.js';
import { createOfflineTagger } from '../annotate/offline-tagger.js';
import { listBots, loadBot } from '../bot/load.js';
import type { Env } from '../bot/env-vars.js';
import type { BotDefinition } from '../bot/schema.js';
import { SlotcheckError } from '../core/errors.js';
import { writeFileAtomic } from '../core/files.js';
import { detectFailures } from '../detect/detect.js';
import { resolveDetectors } from '../detect/registry.js';
import { checkScenarioTexts, type ScenarioText } from '../scenario/check-text.js';
import { regressionDraft } from '../scenario/from-transcript.js';
import { scenarioYaml } from '../scenario/write-yaml.js';
import { loadTaskFile, openConversations, type ImportedConversation } from '../transcript/load.js';

export interface RegressionOptions {
  /** Recorded conversations: JSONL or CSV, as `analyze` reads them. */
  file: string;
  /** Only these conversation ids (all when absent). */
  ids?: string[];
  botsDir: string;
  /** The bot the scenarios are for; by default the one whose task has the conversation's task name. */
  bot?: string;
  taskFile?: string;
  /** Where to write; by default `scenarios/<bot>/regressions` under `projectDir`. */
  outDir?: string;
  projectDir: string;
  /** Replace files that exist (they may hold edits): refused without it. */
  force?: boolean;
  display?: (path: string) => string;
  /** Where bot files' `${VAR}`s are read from. */
  env?: Env;
}

/**
 * recorded conversation → annotate → detect → a scenario that replays the
 * user's goal, per conversation. Every file is checked as the loader checks
 * scenario files before any is written; existing files are never replaced
 * without `force`.
 */
export async function regressionScenarios(options: RegressionOptions): Promise<{ written: string[] }> {
  const display = options.display ?? ((p: string) => p);
  const task = options.taskFile ? await loadTaskFile(options.taskFile, display) : undefined;
  const source = await openConversations(options.file, { ...(task ? { task } : {}), display });
  const conversations = await pick(source.conversations(), options.ids, display(options.file));
  const tagger = createOfflineTagger();
  const detectors = resolveDetectors();
  const bots = conversations.length > 0 ? await candidateBots(options, display) : [];
  const files: ScenarioText[] = [];
  for (const conversation of conversations) {
    const bot = botFor(conversation, bots, options, display);
    const { userActs, today, ...plain } = conversation;
    const annotated = await annotateConversation(plain, conversation.task, tagger, { ...(userActs ? { userActs } : {}), ...(today ? { today } : {}) });
    const draft = regressionDraft(annotated, { bot: bot.name, botKind: bot.kind, source: display(options.file), findings: detectFailures(annotated, detectors) });
    const dir = options.outDir ?? join(options.projectDir, 'scenarios', bot.name, 'regressions');
    files.push({ path: join(dir, `${draft.id}.yaml`), text: scenarioYaml(draft.data, { dir, comments: draft.comments, placeholders: draft.placeholders }), bot });
  }
  checkScenarioTexts(files, display, (file) => {
    if (!options.force && existsSync(file.path)) throw new SlotcheckError('USAGE', `${display(file.path)} exists (it may hold your edits); remove it, or pass --force to replace it`);
  });
  for (const file of files) await writeFileAtomic(file.path, file.text);
  return { written: files.map((f) => display(f.path)) };
}

async function pick(all: AsyncIterable<ImportedConversation>, ids: string[] | undefined, file: string): Promise<ImportedConversation[]> {
  const conversations: ImportedConversation[] = [];
  for await (const c of all) if (!ids || ids.includes(c.id)) conversations.push(c);
  const missing = (ids ?? []).filter((id) => !conversations.some((c) => c.id === id));
  if (missing.length > 0) throw new SlotcheckError('UNKNOWN_ID', `${file} has no conversation ${missing.map((id) => `"${id}"`).join(', ')}`);
  return conversations;
}

/** The bots a conversation may be for, loaded once: the one named by --bot, else every bot under --bots. */
async function candidateBots(options: RegressionOptions, display: (p: string) => string): Promise<BotDefinition[]> {
  const names = options.bot ? [options.bot] : await listBots(options.botsDir);
  return Promise.all(names.map((name) => loadBot(options.botsDir, name, display, options.env)));
}

/** The bot named by --bot, else the only bot whose task has the conversation's task name. */
function botFor(conversation: ImportedConversation, bots: readonly BotDefinition[], options: RegressionOptions, display: (p: string) => string): BotDefinition {
  if (options.bot) return bots[0]!;
  const matching = bots.filter((b) => b.task.name === conversation.task.name);
  if (matching.length === 1) return matching[0]!;
  const why = matching.length === 0 ? `no bot under ${display(options.botsDir)} serves task "${conversation.task.name}"` : `several bots serve task "${conversation.task.name}" (${matching.map((b) => b.name).join(', ')})`;
  throw new SlotcheckError('UNKNOWN_BOT', `conversation "${conversation.id}": ${why}; name the bot with --bot NAME`);
}
