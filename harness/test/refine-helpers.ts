import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuideSchema, type Guide } from '../src/guide/index.js';
import { RefineReportSchema, type RefineReport } from '../src/refine/index.js';
import { WEAK_PROMPT } from '../src/testing/index.js';
import { REPO_ROOT, runCli, type CliRun } from './helpers.js';

export const API_KEY = 'sk-test-refine-0123456789abcdef';

/** A project with the bundled restaurant bot, the given prompt, and three scenarios a prompt-following bot can fail. */
export async function makeRefineProject(prompt = WEAK_PROMPT): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slotcheck-refine-'));
  await cp(join(REPO_ROOT, 'bots'), join(dir, 'bots'), { recursive: true });
  await cp(join(REPO_ROOT, 'harness/test/fixtures/refine/scenarios'), join(dir, 'scenarios'), { recursive: true });
  await writeFile(join(dir, 'bots/restaurant/prompt.md'), prompt);
  return dir;
}

export function cli(project: string, url?: string) {
  return (args: string[]): Promise<CliRun> => runCli(args, { cwd: project, env: url ? { OPENAI_BASE_URL: url, OPENAI_API_KEY: API_KEY } : {} });
}

export async function readGuide(project: string, name = 'slot-filling'): Promise<Guide> {
  return GuideSchema.parse(JSON.parse(await readFile(join(project, 'guides', `${name}.json`), 'utf8')));
}

export async function readRefineReport(dir: string): Promise<RefineReport> {
  return RefineReportSchema.parse(JSON.parse(await readFile(join(dir, 'refine.json'), 'utf8')));
}

/** Every file under a folder, for checks such as "the API key is written nowhere". */
export async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}
