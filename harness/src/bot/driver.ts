import type { UsageMeter } from '../model/usage.js';
import type { Scenario } from '../scenario/schema.js';
import type { Bot } from './bot.js';
import type { BotDefinition } from './schema.js';
import type { CallCacheSettings } from './turn-cache.js';

/** Where a conversation's call goes in the endpoint's queue, and how its clock learns that it waits. */
export interface CallSlot {
  priority: number;
  onQueue: (queued: boolean) => void;
}

/** Counts of a conversation's calls to its bot, for the transcript and the summary. */
export interface CallMeter {
  calls: number;
  cached: number;
  /** Failed attempts that were retried, by error code. */
  retries: Record<string, number>;
}

export function newCallMeter(): CallMeter {
  return { calls: 0, cached: 0, retries: {} };
}

export function countCall(meter: CallMeter, result: { cached?: boolean; retried?: readonly string[] }): void {
  meter.calls += 1;
  if (result.cached) meter.cached += 1;
  for (const code of result.retried ?? []) meter.retries[code] = (meter.retries[code] ?? 0) + 1;
}

/** What one conversation gives the bot it opens. */
export interface BotConversation {
  scenario: Scenario;
  today: string;
  trial: number;
  /** The next call's slot: the least advanced conversation goes first, and waiting stops its clock. */
  nextCall: () => CallSlot;
  meter: CallMeter;
  /** Counts the tokens of the bot's model calls (a prompt bot's; an HTTP or module bot reports none). */
  usage?: UsageMeter;
}

/** How calls to bots are made in a run (the CLI's --call-timeout, --retries, --concurrency, --cache). */
export interface BotCallSettings {
  concurrency: number;
  callTimeoutMs: number;
  retries: number;
  cache?: CallCacheSettings;
}

/** A bot connected for a run: opens one `Bot` per conversation. */
export interface BotDriver {
  readonly definition: BotDefinition;
  /** The model a prompt bot runs on, or the label of the model behind a service, for reports. */
  readonly modelName: string;
  /** Where its calls go, for reports: no secrets. */
  readonly endpoint: string;
  open(conversation: BotConversation): Bot;
  close(): Promise<void>;
}
