import type { Conversation } from '../transcript/schema.js';

/** The small objects of one container (the user's cards, a product's variants): their identifiers and naming attributes. */
interface Group {
  ids: string[][];
  named: string[][];
}

/** What the tool results say about one object that an identifier names (a card, a car, a booking). */
export class ToolObject {
  constructor(
    /** Its attribute values, lower-cased, that no sibling shares ("5531" for one of two Visa cards, "$250" for a voucher's balance): naming one names the object. */
    readonly distinguishing: string[],
    private readonly group: Group,
    private readonly index: number,
    /** The key its container sits under ("cards", "vouchers"), when it has one. */
    readonly container?: string,
  ) {}

  /** The identifiers of its siblings (the user's other cards, the product's other variants). */
  get siblings(): string[] {
    return this.group.ids.flatMap((other, j) => (j === this.index ? [] : other));
  }

  /** All its naming attribute values (lower-cased; numbers as "$250"; short codes such as "i5" too): a combination only it has names it ("black, 1000ml"). */
  get attributes(): string[] {
    return this.group.named[this.index]!;
  }

  /** The identifiers of each sibling that shares this attribute with it (the other of two $250 vouchers). */
  siblingsWith(attribute: string): string[][] {
    return this.group.ids.filter((_, j) => j !== this.index && this.group.named[j]!.includes(attribute));
  }

  /** Each sibling's naming attributes. */
  get siblingAttributes(): string[][] {
    return this.group.named.filter((_, j) => j !== this.index);
  }
}

// One reading per conversation, shared by the detectors that ask (a memo: the conversation is not modified while judged).
const READ = new WeakMap<Conversation, ToolObjects>();

/** The tool objects of a conversation, read once whichever detector asks first. */
export function toolObjectsOf(conversation: Conversation): ToolObjects {
  let objects = READ.get(conversation);
  if (!objects) READ.set(conversation, (objects = new ToolObjects(conversation)));
  return objects;
}

/** Objects with more scalar values than this are records (a rental, a booking), not things one attribute identifies. */
const MAX_LEAVES = 10;

/** One tool result or call's arguments, read only when something asked about mentions it. */
interface Source {
  at: number;
  /** The raw JSON, lower-cased: a value or key it does not contain needs no parse. */
  text: string;
  raw: string;
  /** Tool results describe objects; a call's arguments only add values under keys. */
  objects: boolean;
  read?: Read;
}

interface Read {
  strings: Set<string>;
  byId: Map<string, ToolObject>;
  byKey: Map<string, Set<string>>;
}

/**
 * The objects in a conversation's tool results (JSON), by each identifier-like
 * value they hold, and the values seen under each key. A result is parsed
 * only when a question names something it contains (most never are: search
 * results the call took nothing from); results that are not JSON add nothing.
 */
export class ToolObjects {
  private readonly sources: Source[] = [];
  private readonly keyValues = new Map<string, ReadonlySet<string>>();

  constructor(conversation: Conversation) {
    conversation.messages.forEach((message, at) => {
      if (message.role === 'tool' && message.content && /^\s*[[{]/.test(message.content)) this.sources.push({ at, raw: message.content, text: message.content.toLowerCase(), objects: true });
      if (message.role === 'assistant') for (const call of message.tool_calls ?? []) this.sources.push({ at, raw: call.function.arguments, text: call.function.arguments.toLowerCase(), objects: false });
    });
  }

  /** The object an identifier names, when a tool result described it (the first that did). */
  object(id: string): ToolObject | undefined {
    const lower = id.toLowerCase();
    for (const source of this.sources) {
      if (!source.objects || !source.text.includes(lower)) continue;
      const found = this.read(source).byId.get(lower);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Whether one tool result before message `before` holds both values: `part`
   * belongs to the record `whole` names (a sailing of that booking). Results
   * after the call show the change itself, not what was there.
   */
  together(whole: string, part: string, before: number): boolean {
    const [a, b] = [whole.toLowerCase(), part.toLowerCase()];
    return this.sources.some((s) => s.objects && s.at < before && s.text.includes(a) && s.text.includes(b) && this.read(s).strings.has(a) && this.read(s).strings.has(b));
  }

  /**
   * The objects that tool results before message `before` describe and that
   * `value` (an attribute, lower-cased: "5531") alone tells apart from their
   * siblings, with their identifiers.
   */
  objectsWith(value: string, before: number): Array<{ id: string; object: ToolObject }> {
    const found = new Map<string, ToolObject>();
    for (const source of this.sources) {
      if (!source.objects || source.at >= before || !source.text.includes(value)) continue;
      for (const [id, object] of this.read(source).byId) if (object.distinguishing.includes(value) && !found.has(id)) found.set(id, object);
    }
    return [...found].map(([id, object]) => ({ id, object }));
  }

  /** Every value seen under a key (its plural and singular alike) in tool results and calls. */
  valuesOf(key: string): ReadonlySet<string> {
    const stem = keyStem(key);
    let values = this.keyValues.get(stem);
    if (!values) {
      const all = new Set<string>();
      for (const source of this.sources) if (source.text.includes(`"${stem}`)) for (const v of this.read(source).byKey.get(stem) ?? []) all.add(v);
      this.keyValues.set(stem, (values = all));
    }
    return values;
  }

  /** What a value must be told apart from: the siblings of its object, and every value seen under its key (lower-cased; it may be among them). */
  kinOf(object: ToolObject | undefined, key: string): string[] {
    return [...(object?.siblings ?? []), ...this.valuesOf(key)];
  }

  /**
   * The parts of a record, as tool results before message `before` list
   * them: for each key other than the record's own, the codes under it in a
   * result that holds the record (an order's item codes, a booking's sailings).
   */
  partsOf(record: string, before: number): Array<ReadonlySet<string>> {
    const lower = record.toLowerCase();
    const lists: Array<ReadonlySet<string>> = [];
    for (const source of this.sources) {
      if (!source.objects || source.at >= before || !source.text.includes(lower) || !this.read(source).strings.has(lower)) continue;
      for (const values of this.read(source).byKey.values()) if (!values.has(lower)) lists.push(new Set([...values].filter(isIdentifier)));
    }
    return lists;
  }

  /** The values under a key (its plural and singular alike) in the tool results and calls before message `before`: the objects of that kind in play. */
  valuesBefore(key: string, before: number): Set<string> {
    const stem = keyStem(key);
    const values = new Set<string>();
    for (const source of this.sources) if (source.at < before && source.text.includes(`"${stem}`)) for (const v of this.read(source).byKey.get(stem) ?? []) values.add(v);
    return values;
  }

  private read(source: Source): Read {
    if (!source.read) {
      source.read = { strings: new Set(), byId: new Map(), byKey: new Map() };
      try {
        visit(JSON.parse(source.raw), undefined, source.objects, source.read);
      } catch {
        // Not JSON after all: it describes nothing.
      }
    }
    return source.read;
  }
}

/** Indexes a node and everything under it; returns how many scalars it holds, counted up to a record's size. */
function visit(node: unknown, key: string | undefined, objects: boolean, into: Read): number {
  if (isScalar(node)) {
    if (typeof node === 'string') {
      const lower = node.toLowerCase();
      into.strings.add(lower);
      if (key !== undefined) add(into.byKey, keyStem(key), lower);
    }
    return 1;
  }
  if (!node || typeof node !== 'object') return 0;
  const entries: Array<[string | undefined, unknown]> = Array.isArray(node) ? node.map((v) => [key, v]) : Object.entries(node);
  let size = 0;
  const small: unknown[] = [];
  for (const [k, v] of entries) {
    const n = visit(v, k, objects, into);
    if (isRecord(v) && n <= MAX_LEAVES) small.push(v);
    size = Math.min(size + n, MAX_LEAVES + 1);
  }
  if (objects && small.length > 0) indexChildren(small.map((c) => leaves(c)), into.byId, key);
  return size;
}

/** Indexes the small objects among one container's children, each against its siblings. */
function indexChildren(small: Scalar[][], byId: Map<string, ToolObject>, container: string | undefined): void {
  // Numbers are kept as "$250" (a balance, a price): shown when the text states that sum.
  const values = small.map((own) => own.flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : typeof v === 'number' && v >= 10 ? [`$${v}`] : [])));
  const counts = new Map<string, number>();
  for (const own of values) for (const v of new Set(own)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ids = values.map((own) => own.filter((v) => !v.startsWith('$') && isIdentifier(v)));
  const allIds = new Set(ids.flat());
  const group: Group = { ids, named: values.map((own) => own.filter((v) => v.length >= 2 && !GENERIC.has(v) && !allIds.has(v))) };
  values.forEach((own, i) => {
    const distinguishing = own.filter((v) => counts.get(v) === 1 && v.length >= 3 && !GENERIC.has(v));
    for (const id of ids[i]!) if (!byId.has(id)) byId.set(id, new ToolObject(distinguishing.filter((v) => v !== id), group, i, container));
  });
}

type Scalar = string | number | boolean;

const GENERIC = new Set(['yes', 'no', 'true', 'false', 'none', 'null', 'available', 'active', 'pending']);

/** A code that identifies something: letters and digits mixed ("SL204", "card_5531", "#R123"), or five digits or more. */
export function isIdentifier(value: string): boolean {
  if (value.length < 4 || /\s/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value) || /^\d{1,2}:\d{2}/.test(value)) return false;
  return /\d/.test(value) && (/[a-z]/i.test(value) || /^\d{5,}$/.test(value.replace(/^#/, '')));
}

/** The tokens of a text that are identifiers ("#R123", "SL204"), in order. */
export function identifiersIn(text: string): string[] {
  return (text.match(/#?[\w-]+/g) ?? []).filter(isIdentifier);
}

/** How keys are compared: lower case, plural and singular alike ("sailing_ids" as "sailing_id", "cards" as "card"). */
export function keyStem(key: string): string {
  return key.toLowerCase().replace(/_?ids$/, '_id').replace(/s$/, '');
}

function isScalar(node: unknown): node is Scalar {
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean';
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return Boolean(node) && typeof node === 'object' && !Array.isArray(node);
}

/** The scalar values of a small object, at any depth. */
function leaves(node: unknown, out: Scalar[] = []): Scalar[] {
  if (isScalar(node)) out.push(node);
  else if (Array.isArray(node)) for (const v of node) leaves(v, out);
  else if (isRecord(node)) for (const v of Object.values(node)) leaves(v, out);
  return out;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
