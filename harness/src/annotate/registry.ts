import { SlotcheckError } from '../core/errors.js';
import type { ChatModel } from '../model/chat-model.js';
import { createLlmTagger } from './llm-tagger.js';
import { createOfflineTagger } from './offline-tagger.js';
import type { Tagger } from './tagger.js';

/** What a tagger may need to be built; only the LLM tagger uses the model. */
export interface TaggerDeps {
  model?: ChatModel;
  /** Model name for the LLM tagger. */
  modelName?: string;
  /** Answer cache folder for the LLM tagger; no cache when absent. */
  cacheDir?: string;
}

type TaggerFactory = (deps: TaggerDeps) => Tagger;

/** Every tagger, keyed by id. */
export const TAGGERS: Record<string, TaggerFactory> = {
  offline: () => createOfflineTagger(),
  llm: (deps) => {
    if (!deps.model || !deps.modelName) {
      throw new SlotcheckError('MODEL_NOT_CONFIGURED', 'the llm tagger needs a model: pass --tagger-model NAME and set OPENAI_BASE_URL and/or OPENAI_API_KEY');
    }
    return createLlmTagger({ model: deps.model, modelName: deps.modelName, ...(deps.cacheDir ? { cacheDir: deps.cacheDir } : {}) });
  },
};

/** The tagger with this id; an unknown id lists the known ones. */
export function createTagger(id: string, deps: TaggerDeps = {}): Tagger {
  const factory = Object.hasOwn(TAGGERS, id) ? TAGGERS[id] : undefined;
  if (!factory) throw new SlotcheckError('UNKNOWN_ID', `unknown tagger "${id}"; known: ${Object.keys(TAGGERS).join(', ')}`);
  return factory(deps);
}
