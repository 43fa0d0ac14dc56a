import type { Failure, FailureClass } from '../detect/failure.js';
import type { ConversationRecord } from '../transcript/record.js';
import type { ChatMessage } from '../transcript/schema.js';
import type { GuideLink, GuideLinks } from './guide-links.js';
import { groupOf } from './summary.js';

/** Bounds that keep report.html reasonable for runs of thousands of conversations. */
export const HTML_LIMITS: { readonly failing: number; readonly passing: number } = { failing: 500, passing: 50 };

export interface HtmlFlag {
  class: FailureClass;
  slot?: string;
  reason: string;
  related?: { index: number; anchor: string; quote?: string };
  guide?: GuideLink;
}

export interface HtmlMessage {
  index: number;
  anchor: string;
  role: ChatMessage['role'];
  text: string;
  toolCalls: Array<{ name: string; args: string }>;
  toolCallId?: string;
  flags: HtmlFlag[];
  /** Classes of failures that point back at this message (where the user gave a value, …). */
  relatedTo: string;
}

export interface HtmlConversation {
  anchor: string;
  id: string;
  group: string;
  trial?: number;
  outcome: ConversationRecord['outcome'];
  /** Space-separated classes, for filtering. */
  classes: string;
  classList: FailureClass[];
  model?: string;
  error?: ConversationRecord['error'];
  messages: HtmlMessage[];
}

export interface ConversationSelection {
  shown: ConversationRecord[];
  counts: { failing: number; erroring: number; passing: number; shownFailing: number; shownPassing: number };
}

/**
 * Every failing and erroring conversation (up to a bound), and a bounded
 * sample of passing ones: one per group first, in file order.
 */
export async function selectConversations(records: AsyncIterable<ConversationRecord>, limits = HTML_LIMITS): Promise<ConversationSelection> {
  const shown: ConversationRecord[] = [];
  const sampledGroups = new Set<string>();
  const counts = { failing: 0, erroring: 0, passing: 0, shownFailing: 0, shownPassing: 0 };
  for await (const record of records) {
    if (record.outcome === 'pass') {
      counts.passing += 1;
      const group = groupOf(record);
      if (counts.shownPassing >= limits.passing || sampledGroups.has(group)) continue;
      sampledGroups.add(group);
      counts.shownPassing += 1;
    } else {
      counts[record.outcome === 'fail' ? 'failing' : 'erroring'] += 1;
      if (counts.shownFailing >= limits.failing) continue;
      counts.shownFailing += 1;
    }
    shown.push(record);
  }
  return { shown, counts };
}

/** A conversation as the viewer shows it: messages with their flags and tool calls. */
export function htmlConversation(record: ConversationRecord, index: number, failures: readonly Failure[], guides: GuideLinks): HtmlConversation {
  const anchor = `c${index}`;
  const messages = record.messages.map((message, i): HtmlMessage => ({
    index: i,
    anchor: `${anchor}-m${i}`,
    role: message.role,
    text: message.content ?? '',
    toolCalls: message.role === 'assistant' ? (message.tool_calls ?? []).map((c) => ({ name: c.function.name, args: prettyArgs(c.function.arguments) })) : [],
    ...(message.role === 'tool' ? { toolCallId: message.tool_call_id } : {}),
    flags: failures.filter((f) => f.messageIndex === i).map((f) => flagOf(f, anchor, guides)),
    relatedTo: [...new Set(failures.filter((f) => f.evidence.relatedMessageIndex === i).map((f) => f.class))].join(' '),
  }));
  return {
    anchor,
    id: record.id,
    group: groupOf(record),
    ...(record.trial !== undefined ? { trial: record.trial } : {}),
    outcome: record.outcome,
    classes: [...new Set(failures.map((f) => f.class))].join(' '),
    classList: [...new Set(failures.map((f) => f.class))],
    ...(record.model ? { model: record.model } : {}),
    ...(record.error ? { error: record.error } : {}),
    messages,
  };
}

function flagOf(f: Failure, anchor: string, guides: GuideLinks): HtmlFlag {
  const related = f.evidence.relatedMessageIndex;
  const guide = guides[f.class];
  return {
    class: f.class,
    ...(f.slot ? { slot: f.slot } : {}),
    reason: f.evidence.reason,
    ...(related !== undefined ? { related: { index: related, anchor: `${anchor}-m${related}`, ...(f.evidence.relatedQuote ? { quote: f.evidence.relatedQuote } : {}) } } : {}),
    ...(guide ? { guide } : {}),
  };
}

/** Tool-call arguments pretty-printed when they are JSON (models sometimes send broken JSON: shown as sent). */
function prettyArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}
