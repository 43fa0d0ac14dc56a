import type { Conversation } from '../transcript/schema.js';

/** What the tool results say about one object that an identifier names (a card, an item, an order). */
export interface ToolObject {
  /** Its attribute values, lower-cased, that no sibling shares ("7803" for one of two Visa cards, "$250" for a certificate's balance): naming one names the object. */
  distinguishing: string[];
  /** The identifiers of its siblings (the user's other cards, the product's other variants). */
  siblings: string[];
  /** All its attribute values (lower-cased; numbers as "$250"), and each sibling's: a combination only it has names it ("black, 1000ml"). */
  attributes: string[];
  siblingAttributes: string[][];
}

/** Objects with more scalar values than this are records (an order, a booking), not things one attribute identifies. */
const MAX_LEAVES = 10;

/**
 * The objects in a conversation's tool results (JSON), indexed by each
 * identifier-like value they hold, and the values seen under each key. Tool
 * results that are not JSON add nothing.
 */
export class ToolObjects {
  private readonly byId = new Map<string, ToolObject>();
  private readonly byKey = new Map<string, Set<string>>();
  /** The string values of each tool result, to tell the parts of a record (a booking's flights) from new values. */
  private readonly results: Array<{ at: number; values: Set<string> }> = [];

  constructor(conversation: Conversation) {
    conversation.messages.forEach((message, at) => {
      if (message.role === 'tool' && message.content && /^\s*[[{]/.test(message.content)) this.read(message.content, at);
      if (message.role === 'assistant') for (const call of message.tool_calls ?? []) this.read(call.function.arguments, at, false);
    });
  }

  /** The object an identifier names, when a tool result described it. */
  object(id: string): ToolObject | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /**
   * Whether one tool result before message `before` holds both values: `part`
   * belongs to the record `whole` names (a flight of that booking). Results
   * after the call show the change itself, not what was there.
   */
  together(whole: string, part: string, before: number): boolean {
    const [a, b] = [whole.toLowerCase(), part.toLowerCase()];
    return this.results.some((r) => r.at < before && r.values.has(a) && r.values.has(b));
  }

  /** Every value seen under a key (its plural and singular alike) in tool results and calls. */
  valuesOf(key: string): ReadonlySet<string> {
    return this.byKey.get(keyStem(key)) ?? EMPTY;
  }

  private read(json: string, at: number, objects = true): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return;
    }
    const all = this.visit(parsed, undefined, objects);
    if (objects) this.results.push({ at, values: new Set(all.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase())) });
  }

  /** Indexes a node and everything under it; returns its scalar values (each node's are gathered once, bottom up). */
  private visit(node: unknown, key: string | undefined, objects: boolean): Scalar[] {
    if (isScalar(node)) {
      if (key !== undefined && typeof node === 'string') add(this.byKey, keyStem(key), node.toLowerCase());
      return [node];
    }
    if (!node || typeof node !== 'object') return [];
    const entries: Array<[string | undefined, unknown]> = Array.isArray(node) ? node.map((v) => [key, v]) : Object.entries(node);
    const children = entries.map(([k, v]) => ({ node: v, leaves: this.visit(v, k, objects) }));
    if (objects) this.indexChildren(children);
    return children.flatMap((c) => c.leaves);
  }

  /** Indexes the small objects among one container's children, each against its siblings. */
  private indexChildren(children: ReadonlyArray<{ node: unknown; leaves: Scalar[] }>): void {
    const small = children.filter((c) => isRecord(c.node) && c.leaves.length <= MAX_LEAVES).map((c) => c.leaves);
    if (small.length === 0) return;
    // Numbers are kept as "$250" (a balance, a price): shown when the text states that sum.
    const values = small.map((own) => own.flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : typeof v === 'number' && v >= 10 ? [`$${v}`] : [])));
    const counts = new Map<string, number>();
    for (const own of values) for (const v of new Set(own)) counts.set(v, (counts.get(v) ?? 0) + 1);
    const ids = values.map((own) => own.filter((v) => !v.startsWith('$') && isIdentifier(v)));
    const named = values.map((own) => own.filter((v) => v.length >= 3 && !GENERIC.has(v) && !ids.some((list) => list.includes(v))));
    values.forEach((own, i) => {
      const distinguishing = own.filter((v) => counts.get(v) === 1 && v.length >= 3 && !GENERIC.has(v));
      const siblings = ids.flatMap((other, j) => (j === i ? [] : other));
      const siblingAttributes = named.filter((_, j) => j !== i);
      for (const id of ids[i]!) if (!this.byId.has(id)) this.byId.set(id, { distinguishing: distinguishing.filter((v) => v !== id), siblings, attributes: named[i]!, siblingAttributes });
    });
  }
}

type Scalar = string | number | boolean;

const EMPTY: ReadonlySet<string> = new Set();
const GENERIC = new Set(['yes', 'no', 'true', 'false', 'none', 'null', 'available', 'active', 'pending']);

/** A code that identifies something: letters and digits mixed ("HAT063", "credit_card_7803", "#W123"), or five digits or more. */
export function isIdentifier(value: string): boolean {
  if (value.length < 4 || /\s/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value) || /^\d{1,2}:\d{2}/.test(value)) return false;
  return /\d/.test(value) && (/[a-z]/i.test(value) || /^\d{5,}$/.test(value.replace(/^#/, '')));
}

function keyStem(key: string): string {
  return key.toLowerCase().replace(/_?ids$/, '_id').replace(/s$/, '');
}

function isScalar(node: unknown): node is Scalar {
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean';
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return Boolean(node) && typeof node === 'object' && !Array.isArray(node);
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
