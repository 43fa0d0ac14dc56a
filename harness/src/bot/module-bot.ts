import PQueue from 'p-queue';
import { SlotcheckError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { inSlot } from '../model/limited-model.js';
import { redactJson } from '../model/redact-json.js';
import type { Bot, BotTurn, BotTurnInput } from './bot.js';
import { countCall, type BotCallSettings, type BotDriver } from './driver.js';
import type { ModuleBotDefinition } from './schema.js';
import { withTurnCache } from './turn-cache.js';
import { checkTurn, lastUserText } from './turn-check.js';
import { hasRespond } from './load-module.js';

/**
 * A module bot for a run: each turn goes through a queue of --concurrency,
 * is bounded by --call-timeout and the conversation's signal (a module that
 * never answers cannot hang the run), and what it returns is checked like an
 * HTTP reply. A throw is BOT_MODULE_FAILED, the infrastructure's.
 */
export async function connectModuleBot(definition: ModuleBotDefinition, settings: BotCallSettings): Promise<BotDriver> {
  const module = await instantiate(definition);
  const slots = new PQueue({ concurrency: settings.concurrency });
  const checked: Bot = { respond: (input) => checkedTurn(definition, module, input, settings.callTimeoutMs) };
  return {
    definition,
    modelName: definition.model ?? `module:${definition.name}`,
    endpoint: `module ${definition.file.replace(/bot\.(ya?ml|json)$/, '')}`,
    open(conversation) {
      let hit = false;
      const bot = settings.cache ? withTurnCache(checked, settings.cache, definition.definitionHash, definition.file, () => (hit = true)) : checked;
      return {
        async respond(input) {
          hit = false;
          const turn = await inSlot(slots, { ...conversation.nextCall(), signal: input.signal }, () => bot.respond(input));
          countCall(conversation.meter, { cached: hit });
          return turn;
        },
      };
    },
    close: async () => module.close?.(),
  };
}

/** The module's bot: the export itself, or what its factory returns (once per run). A factory that fails is a bad bot: exit 2. */
async function instantiate(definition: ModuleBotDefinition): Promise<Bot> {
  const { exported, file, name, dir, options } = definition;
  if (hasRespond(exported)) return exported as Bot;
  let made: unknown;
  try {
    made = await (exported as Exclude<ModuleBotDefinition['exported'], Bot>)({ name, dir, options });
  } catch (error) {
    throw new SlotcheckError('BOT_INVALID', redact(`${file}: the factory exported by ${definition.modulePath} failed: ${error instanceof Error ? error.message : String(error)}`, definition.secrets));
  }
  if (!hasRespond(made)) throw new SlotcheckError('BOT_INVALID', `${file}: the factory exported by ${definition.modulePath} returned no bot (an object with respond(input))`);
  return made;
}

async function checkedTurn(definition: ModuleBotDefinition, module: Bot, input: BotTurnInput, timeoutMs: number): Promise<BotTurn> {
  const { file, secrets } = definition;
  let raw: unknown;
  try {
    raw = await deadline(Promise.resolve(module.respond(input)), timeoutMs, input.signal, file);
  } catch (error) {
    if (input.signal?.aborted || error instanceof SlotcheckError) throw error;
    throw new SlotcheckError('BOT_MODULE_FAILED', redact(`${file}: the bot module threw: ${error instanceof Error ? error.message : String(error)}`, secrets));
  }
  const sent = lastUserText(input.newMessages);
  const turn = checkTurn(raw && typeof raw === 'object' ? (raw as { messages: unknown }) : { messages: undefined }, file, () => 'the module\'s respond()', sent);
  return redactJson(turn, secrets);
}

/** The answer, or BOT_TIMEOUT after `ms`, or the signal's reason when it aborts first. */
function deadline<T>(answer: Promise<T>, ms: number, signal: AbortSignal | undefined, file: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SlotcheckError('BOT_TIMEOUT', `${file}: the bot module did not answer within ${ms / 1000} s (--call-timeout)`)), ms);
    const onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    answer.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}
