import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash } from '../core/hash.js';
import type { LocatedDocument } from '../core/located-parse.js';
import { assertInside } from '../core/paths.js';
import type { Bot } from './bot.js';
import { resolveEnvVars } from './env-vars.js';
import { definitionBase, type BotFileContext } from './bot-file.js';
import { folderSourcesHash } from './folder-sources.js';
import { ModuleBotFileSchema, type ModuleBotDefinition } from './schema.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/**
 * A module bot: the module (relative to the bot's folder, and inside it) is
 * imported here, so a missing file, a module that does not load or one that
 * exports no bot fails before any conversation. A factory export is called
 * when a run connects the bot (`validate` only checks that there is one).
 */
export async function loadModuleBot(context: BotFileContext): Promise<ModuleBotDefinition> {
  const { doc, env, display } = context;
  const file = doc.check(ModuleBotFileSchema);
  const modulePath = resolve(context.dir, file.module);
  if (!existsSync(modulePath)) throw doc.errorAt(['module'], `${display(modulePath)} does not exist (the path is relative to the bot's folder)`);
  assertInside(context.botsDir, modulePath, `the module of bot "${context.name}"`, display);
  const secrets: string[] = [];
  const options = resolveEnvVars(file.options, ['options'], env, doc, secrets);
  const source = await readFile(modulePath, 'utf8');
  const folder = await folderSourcesHash(context.dir);
  const exported = await importBot(modulePath, doc, display);
  return {
    kind: 'module',
    ...definitionBase(context, file),
    modulePath,
    exported,
    options,
    secrets,
    definitionHash: contentHash({ kind: 'module', module: file.module, source, folder, options: file.options, task: file.task, model: file.model ?? null }),
  };
}

/** The bot a module exports: `default` or `bot` (an object with `respond`, or a factory returning one), or a `respond` function. */
async function importBot(path: string, doc: LocatedDocument, display: (p: string) => string): Promise<ModuleBotDefinition['exported']> {
  let exports: Record<string, unknown>;
  try {
    exports = (await importModule(path)) as Record<string, unknown>;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    // ES module syntax in a .js file that Node reads as CommonJS (no "type": "module" in package.json).
    const hint = /Cannot use import statement|Unexpected token 'export'/.test(why) && extname(path) === '.js' ? ' (name it .mjs, or add "type": "module" to the nearest package.json)' : '';
    throw doc.errorAt(['module'], `${display(path)} does not load: ${why}${hint}`);
  }
  const candidate: unknown = exports.default ?? exports.bot ?? (typeof exports.respond === 'function' ? exports : undefined);
  if (hasRespond(candidate) || typeof candidate === 'function') return candidate as ModuleBotDefinition['exported'];
  throw doc.errorAt(['module'], `${display(path)} exports no bot: export default an object with respond(input) (or a factory returning one), or export a respond function`);
}

export function hasRespond(value: unknown): value is Bot {
  return Boolean(value) && typeof (value as { respond?: unknown }).respond === 'function';
}

/**
 * Imports JS directly; TypeScript directly where the runtime strips types,
 * else bundled with esbuild (when installed) to `.slotcheck/` beside the
 * module, dependencies left to Node to resolve from there.
 */
async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  if (!TYPESCRIPT.has(extname(path))) return import(url);
  try {
    return await import(url);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  return import(await bundleTypeScript(path));
}

async function bundleTypeScript(path: string): Promise<string> {
  const name = 'esbuild';
  let esbuild: typeof import('esbuild');
  try {
    // A variable specifier: the CLI's own bundle must not take esbuild in.
    esbuild = (await import(name)) as typeof import('esbuild');
  } catch {
    throw new Error('this Node.js cannot load TypeScript and esbuild is not installed: compile the module to .js, or npm install esbuild');
  }
  const built = await esbuild.build({ entryPoints: [path], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const code = built.outputFiles[0]!.text;
  const out = join(dirname(path), '.slotcheck', `${basename(path, extname(path))}-${contentHash(code, 12)}.mjs`);
  if (!existsSync(out)) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, code);
  }
  return pathToFileURL(out).href;
}
