import { randomBytes } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { withPrompt } from '../bot/load.js';
import { SlotcheckError } from '../core/errors.js';
import { contentHash } from '../core/hash.js';
import type { RunMeta, RunPlan } from '../report/summary.js';
import type { Suite } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { A_BOT_OF_KIND, type BotDefinition } from '../bot/schema.js';

/** Applies `only`, `tags` and `promptOverrides` to a loaded suite. */
export function selectScenarios(suite: Suite, options: { only?: string[]; tags?: string[]; promptOverrides?: Record<string, string> }): Suite {
  const bots = new Map(suite.bots);
  for (const [name, source] of Object.entries(options.promptOverrides ?? {})) {
    const bot = bots.get(name);
    if (!bot) throw new SlotcheckError('UNKNOWN_BOT', `prompt override for unknown bot "${name}" (known: ${[...bots.keys()].join(', ')})`);
    if (bot.kind !== 'prompt') throw new SlotcheckError('USAGE', `prompt override for bot "${name}", which is ${A_BOT_OF_KIND[bot.kind]}: only a prompt bot's prompt is slotcheck's to change`);
    bots.set(name, withPrompt(bot, source, `${name} (patched prompt)`));
  }
  const scenarios = withTags(withIds(suite.scenarios, options.only), options.tags);
  return { scenarios, bots: usedBots(bots, scenarios) };
}

function withIds(scenarios: Scenario[], only: string[] | undefined): Scenario[] {
  if (!only) return scenarios;
  const known = new Set(scenarios.map((s) => s.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new SlotcheckError('UNKNOWN_ID', `unknown scenario id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return scenarios.filter((s) => only.includes(s.id));
}

/** A scenario is picked when it has any of the tags; a tag no scenario has is a usage error, not an empty run. */
function withTags(scenarios: Scenario[], tags: string[] | undefined): Scenario[] {
  if (!tags) return scenarios;
  const picked = scenarios.filter((s) => s.tags.some((t) => tags.includes(t)));
  if (picked.length === 0) {
    const known = [...new Set(scenarios.flatMap((s) => s.tags))].sort();
    throw new SlotcheckError('UNKNOWN_ID', `no scenario has tag ${tags.join(' or ')} (tags in this suite: ${known.join(', ') || 'none; add `tags: [...]` to a scenario'})`);
  }
  return picked;
}

/** Only the bots the picked scenarios use: a run's prompt hashes name what it tested. */
function usedBots(bots: Map<string, BotDefinition>, scenarios: readonly Scenario[]): Map<string, BotDefinition> {
  const names = new Set(scenarios.map((s) => s.bot));
  return new Map([...bots].filter(([name]) => names.has(name)));
}

/** Hash of what the scenarios say (not where they live): a resumed or merged run must test the same ones. */
export function suiteHash(suite: Suite): string {
  return contentHash(suite.scenarios.map(({ file: _file, ...scenario }) => scenario), 16);
}

/** A path as kept in run.json: relative to the project when inside it, so a run resumes from another checkout. */
export function storedPath(path: string, projectDir: string | undefined): string {
  if (!projectDir) return path;
  const rel = relative(projectDir, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : rel === '' ? '.' : path;
}

function resolveStored(path: string, projectDir: string): string {
  return isAbsolute(path) ? path : resolve(projectDir, path);
}

/** A run's scenario paths and bots folder as run.json keeps them, resolved against the project. */
export function suitePathsOf(plan: Pick<RunPlan, 'scenarioPaths' | 'botsDir'>, projectDir: string): { scenarioPaths: string[]; botsDir: string } {
  return { scenarioPaths: plan.scenarioPaths.map((p) => resolveStored(p, projectDir)), botsDir: resolveStored(plan.botsDir, projectDir) };
}

export function runMeta(startedAt: Date, kind: RunMeta['kind'], rest: Omit<RunMeta, 'runId' | 'kind' | 'startedAt'>): RunMeta {
  return { runId: newRunId(startedAt), kind, startedAt: startedAt.toISOString(), ...rest };
}

/** Sortable and unique: 20261124-211300-a1b2. */
export function newRunId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** `--simulator scripted` plays each scenario's script: a scenario without one is a usage error before anything runs. */
export function checkSimulatorFits(suite: Suite, simulator: string | undefined): void {
  if (simulator !== 'scripted') return;
  const missing = suite.scenarios.filter((s) => !s.user.script).map((s) => s.file);
  if (missing.length > 0) {
    throw new SlotcheckError('USAGE', `--simulator scripted needs user.script in every scenario; none in ${missing.join(', ')} (use --simulator rule or llm for those)`);
  }
}
