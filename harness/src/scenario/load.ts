import { existsSync, statSync } from 'node:fs';
import { readTextFile } from '../core/text-file.js';
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type * as z from 'zod';
import { InputErrors, SlotcheckError, isSlotcheckError } from '../core/errors.js';
import { parseLocatedDocument, type LocatedDocument } from '../core/located-parse.js';
import { assertInside } from '../core/paths.js';
import { loadBot } from '../bot/load.js';
import type { BotDefinition } from '../bot/schema.js';
import type { Env } from '../bot/env-vars.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { crossCheckScenario } from './cross-check.js';
import { checkScenarioTools } from './check-tools.js';

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Scenarios with the bots they name, all validated. */
export interface Suite {
  scenarios: Scenario[];
  bots: Map<string, BotDefinition>;
}

export interface LoadSuiteOptions {
  /** Scenario files or folders (searched recursively). */
  paths: string[];
  botsDir: string;
  /** Turns absolute paths into the short form used in messages. */
  display?: (path: string) => string;
  /** Where bot files' `${VAR}`s and `apiKeyEnv` are read from (the CLI passes the process environment). */
  env?: Env;
}

/**
 * Loads and validates every scenario and the bots they name. All problems
 * are collected and thrown together, so nothing runs on half-valid input.
 */
export async function loadSuite(options: LoadSuiteOptions): Promise<Suite> {
  const display = options.display ?? ((p: string) => p);
  const files = await findScenarioFiles(options.paths, display);
  const bots = new Map<string, BotDefinition>();
  const problems: SlotcheckError[] = [];
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      // Read synchronously: a suite is hundreds of small files, and nothing else runs while it loads;
      // fs/promises would make four thread-pool round trips per file.
      const { scenario, doc } = await loadScenarioFile(file, readTextFile(file, display(file), 'SCENARIO_INVALID'), { display, botsDir: options.botsDir, env: options.env ?? {} }, bots);
      const previous = seen.get(scenario.id);
      // An id taken from the file name has no line of its own: the file's first line stands for it.
      if (previous) throw doc.errorAt(['id'], duplicateIdMessage(scenario, previous));
      seen.set(scenario.id, scenario.file);
      scenarios.push(scenario);
    } catch (error) {
      if (!isSlotcheckError(error)) throw error;
      problems.push(error);
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new InputErrors(problems);
  if (scenarios.length === 0) throw new SlotcheckError('INPUT_NOT_FOUND', `no scenario files (*.yaml, *.yml, *.json) in ${options.paths.map(display).join(', ')}`);
  return { scenarios, bots };
}

async function loadScenarioFile(path: string, text: string, where: { display: (p: string) => string; botsDir: string; env: Env }, bots: Map<string, BotDefinition>): Promise<{ scenario: Scenario; doc: LocatedDocument }> {
  const { display, botsDir } = where;
  const file = display(path);
  const doc: LocatedDocument = parseLocatedDocument(text, file, 'SCENARIO_INVALID');
  const parsed = doc.check(ScenarioSchema);
  let bot = bots.get(parsed.bot);
  if (!bot) {
    try {
      bot = await loadBot(botsDir, parsed.bot, display, where.env);
    } catch (error) {
      if (isSlotcheckError(error) && (error.code === 'UNKNOWN_BOT' || error.code === 'PATH_OUTSIDE_PROJECT')) throw doc.errorAt(['bot'], error.message);
      throw error;
    }
    bots.set(parsed.bot, bot);
  }
  return { scenario: checkedScenario(parsed, bot, doc, path, file), doc };
}

/**
 * A parsed scenario file checked against its bot, as every command reads one:
 * its id (the file name when it has none), its simulated tools, its task.
 */
export function checkedScenario(parsed: z.infer<typeof ScenarioSchema>, bot: BotDefinition, doc: LocatedDocument, path: string, file: string): Scenario {
  const { id, $schema: _schema, ...rest } = parsed;
  const scenario: Scenario = { ...rest, id: id ?? basename(path, extname(path)), file };
  checkScenarioTools(scenario, bot, doc);
  return crossCheckScenario(scenario, bot.task, doc);
}

async function findScenarioFiles(paths: string[], display: (p: string) => string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new SlotcheckError('INPUT_NOT_FOUND', `${display(path)}: no such file or folder`);
    if (statSync(path).isDirectory()) files.push(...(await walk(path, path, display)));
    else files.push(path);
  }
  return files;
}

/** Scenario files under `dir`, sorted; a symlink reaching outside `root` is refused. */
async function walk(dir: string, root: string, display: (p: string) => string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) assertInside(root, path, 'a symlink', display);
    if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(path).isDirectory())) files.push(...(await walk(path, root, display)));
    else if (SCENARIO_EXTENSIONS.has(extname(entry.name)) && !entry.name.startsWith('.')) files.push(path);
  }
  return files;
}

/**
 * Scenario ids are unique within the suite a command loads (a run keys its
 * conversations, summary and baseline comparisons by them), across bots too.
 */
function duplicateIdMessage(scenario: Scenario, previous: string): string {
  const how = `give one of them its own \`id:\` (e.g. "${scenario.bot}-${scenario.id}") or rename the file`;
  return `scenario id "${scenario.id}" is already used by ${previous}; ids must be unique in the suite you run: ${how}`;
}
