import { resolve } from 'node:path';
import { modelName } from './options.js';
import type { Command } from 'commander';
import { createTagger } from '../annotate/registry.js';
import type { Tagger } from '../annotate/tagger.js';
import { SlotcheckError } from '../core/errors.js';
import { assertFolderPath } from '../core/folder-path.js';
import { displayPath } from '../bot/load.js';
import type { ChatModel } from '../model/chat-model.js';
import type { CliIO } from './io.js';

/** The tagger flags shared by `run` and `analyze`. */
export interface TaggerFlags {
  tagger: string;
  taggerModel?: string;
  /** The cache folder, or false with --no-tagger-cache. */
  taggerCache: string | false;
}

export const DEFAULT_TAGGER_CACHE = '.slotcheck-cache/tagger';

export function addTaggerOptions(command: Command): Command {
  return command
    .option('--tagger <id>', 'dialogue-act tagger: offline (rules, no model) or llm (one model call per conversation)', 'offline')
    .option('--tagger-model <name>', 'model for --tagger llm', modelName)
    .option('--tagger-cache <dir>', 'folder caching the llm tagger\'s answers', DEFAULT_TAGGER_CACHE)
    .option('--no-tagger-cache', 'neither read nor write the llm tagger\'s cache');
}

/**
 * The tagger the flags select. `model` is called only for the LLM tagger, so
 * `analyze` needs no endpoint unless it tags with a model.
 */
export function taggerFromFlags(flags: TaggerFlags, io: CliIO, model: () => ChatModel, defaultModelName?: string): Tagger {
  if (flags.tagger !== 'llm') return createTagger(flags.tagger);
  const modelName = flags.taggerModel ?? defaultModelName;
  if (!modelName) throw new SlotcheckError('MODEL_NOT_CONFIGURED', '--tagger llm needs a model: pass --tagger-model NAME');
  if (flags.taggerCache) assertFolderPath(resolve(io.cwd, flags.taggerCache), '--tagger-cache', displayPath(io.cwd));
  return createTagger('llm', { model: model(), modelName, ...(flags.taggerCache ? { cacheDir: resolve(io.cwd, flags.taggerCache) } : {}) });
}
