import { humanize, type Task } from '../bot/task.js';
import { consequentialVerbs } from './action-verbs.js';
import { recall } from './memo.js';
import { matchesOf, sentences, straightApostrophes } from './text.js';

/**
 * Whether a bot message presents what the bot is about to do, with its
 * details, for the user's yes (PROPOSE): prose, a bulleted or numbered list,
 * a table or a JSON object stating an action and its details, together with a
 * request for approval ("Shall I proceed?", "Please confirm with yes",
 * "(yes/no)", "Would you like me to cancel it?") or a statement of what the
 * bot will now do. A list the user still has to choose from, with no request
 * for a yes, is an offer; permission to look something up presents nothing.
 * `confirmsValues`: the message restates values for checking (it has CONFIRM
 * acts), which are details even when no code, amount or date is written.
 */
export function presentsPlan(text: string, task: Task, confirmsValues = false): boolean {
  // Most bot messages ask nothing and announce nothing: no need to read them closely.
  if (!MAY_PRESENT.test(text)) return false;
  if (!confirmsValues && !hasDetails(text)) return false;
  return asksYesOrAnnounces(plain(text), task);
}

/** Whether a message's plain text asks for a yes or for approval (not for permission to look), or says what the bot will now do. */
function asksYesOrAnnounces(flat: string, task: Task): boolean {
  if (ASKS_YES.test(flat) || (ASKS_APPROVAL.test(flat) && !ASKS_TO_LOOK.test(flat))) return true;
  const patterns = actionPatterns(task);
  return patterns !== undefined && (patterns.permission.test(flat) || patterns.willDo.test(flat));
}

/** Markdown marks dropped, typographic apostrophes made plain ("you’d" as "you'd"), spaces collapsed. */
function plain(text: string): string {
  return recall(PLAIN, 16, text, flatten);
}

// A run of markdown marks and spaces becomes one space (as marks to spaces, then spaces collapsed).
function flatten(text: string): string {
  return straightApostrophes(text).replace(/[*_`#>|\s]+/g, ' ');
}

// Several rules read one message's plain text in a row (a memo of a pure function).
const PLAIN = new Map<string, string>();

/**
 * Whether a message leaves something for the user to decide before there is
 * a plan to approve: it asks them to choose among options ("which one?",
 * "one of these", "please confirm which time"), or what they want ("Would
 * you like to make any changes? For example, …").
 */
export function leavesChoice(text: string): boolean {
  const flat = plain(text);
  if (CHOOSE.test(flat)) return true;
  // An open offer is a question: the cue and the question mark in one sentence.
  return OPEN.test(flat) && flat.includes('?') && sentences(flat).some((s) => s.includes('?') && OPEN.test(s));
}

/**
 * Whether a message asks the user for information beyond a yes: "Could you
 * please provide your email address?", "Please share the booking code.". A
 * recap on the way to such a request presents nothing yet.
 */
export function asksForInformation(text: string): boolean {
  const flat = plain(text);
  for (const match of matchesOf(INFORMATION, flat)) if (match[1] !== undefined || !BOT_GIVES.test(flat.slice(Math.max(0, match.index - 40), match.index))) return true;
  return false;
}

/** What the bot itself will provide or send ("we can provide a full refund", "I'll send you the receipt") asks the user for nothing. */
const BOT_GIVES = /\b(?:i|we)\b(?:'ll|'d)?(?: (?:can|could|will|would|shall|am|are|'m|'re|also|then|now|happily|gladly|be able to|going to|happy to|glad to|indeed))*\s*$/i;

const CHOOSE =
  /\b(?:(?:one|any|either) of (?:these|those|them|the (?:above|following|options?|choices|\w+ (?:above|below|listed)))|which (?:one|option|of)\b|\b(?:choose|select|pick) (?:one|from|between|among|which|either|an?|the|your)\b|(?:let me know|tell me|confirm|specify|indicate) which\b|which \w+(?: \w+)? (?:you(?:'d)? (?:prefer|like|want)|would you (?:like|prefer)|do you (?:prefer|want)))/i;
const OPEN = /\b(?:would you like|do you want|would you care|do you wish) to (?:\w+ )?(?:any|anything|something)\b|\b(?:for example|such as|e\.g\.)/i;
const INFORMATION =
  /\b(?:provide|share|give|tell|send|enter)(?: me| us)?(?: with)?[:\s-]+(?:your|the|this|that|these|those|a|an|any|me (?:your|the|with))\b(?! (?:green light|go-?ahead|ok(?:ay)?|nod|word)\b)|(\b(?:i|we)(?:'ll| will| would|'d)? (?:also |first |still )?(?:need|require) (?:to know |to have |from you )?(?:your|the)\b)/gi;

/**
 * A statement about what the user already has, put to no one: "You have
 * $1,240 in your current account.", "Your booking is for 2 people.", with no
 * question and no request to confirm.
 */
export function describesRecord(text: string): boolean {
  const flat = plain(text);
  // A question or a request to check makes it a recap: no need to read the sentences.
  return !/\?|\bconfirm|\bright\b|\bcorrect\b/i.test(flat) && sentences(flat).some((s) => RECORD.test(s));
}

const RECORD = /^\W*(?:[\w']+[,!.]?\s+){0,4}?(?:you (?:have|'ve got|currently have)|your [\w #-]{1,30}? (?:has|have|is|are|was|were)\b(?! being\b)|there (?:is|are)\b)/i;

/** Every cue below needs one of these: a question, a yes asked for, a request to confirm, or the bot saying what it will or can do. */
const MAY_PRESENT = /\?|\(\s*y\s*\/|\b(?:yes|oui|sí|ja|confirm|approv|authori[sz]|proceed|continue|move forward|go[ -]ahead|finali[sz]e|agree|look (?:right|good|correct)|sound (?:right|good)|i(?:'|’)ll|i will|i can|i am (?:going|about)|i(?:'|’)m (?:going|about)|let me now|next,? i)/i;

/** "(yes/no)", "confirm with yes", "reply 'yes' to proceed", "your “yes”", « oui » in any language, "reply with: the card you want, and yes". */
const ASKS_YES = /["“'‘«]\s*(?:yes|oui|sí|ja)\s*[,.!]?\s*["”'’»]|\(\s*y(?:es)?\s*\/\s*no?\s*\)|\b(?:reply|respond|answer|type|say|confirm(?:ing)?|approve)\b[^.?!]{0,24}?["“'‘]?\s*\b(?:yes|oui)\b|\bwith (?:a |an )?["“'‘]?(?:yes|oui)\b|\b(?:reply|respond|answer) with\b[^.?!]{0,80}?\band\W+(?:yes|oui)\W*$/i;

/** A request for permission to act, or for approval of the stated details. */
const ASKS_APPROVAL = new RegExp(
  [
    String.raw`\b(?:shall|should|can|may) (?:i|we) (?:go ahead|proceed|continue|move forward|finali[sz]e|submit|process|apply|confirm (?:this|that|these|the|it))\b`,
    String.raw`\b(?:would|do) you (?:still |now |then )?(?:like|want|wish) (?:me |us )?to (?:go ahead|proceed|continue|move forward|confirm (?:this|that|these|the|it|all))\b`,
    String.raw`\b(?:ok(?:ay)?|alright|ready|good) (?:for me )?to (?:go ahead|proceed)\b`,
    String.raw`\b(?:let me know|tell me|confirm) (?:if|whether|that) you(?:'d| would)? (?:like|want|wish)(?: me)? to (?:go ahead|proceed|continue|move forward)\b`,
    String.raw`\b(?:do|can|could|would) you (?:please )?(?:confirm|approve|authori[sz]e) (?:this|that|these|the (?:above|following|details|changes?|plan|request|action)|all|everything|if|whether)\b`,
    String.raw`\b(?:please|kindly) (?:confirm|approve|authori[sz]e)\b(?! (?:your|which|what|whether|the (?:user|e-?mail|name|phone|number|id)))`,
    String.raw`\b(?:is|are) (?:this|that|these|everything|all (?:of )?(?:this|that|the above)|the (?:above|details|changes?)) (?:correct|right|accurate|ok(?:ay)?)\b[^.!]*\?`,
    String.raw`\b(?:does|do) (?:this|that|these|everything|the (?:above|plan)) (?:look|sound|seem) (?:right|good|correct|ok(?:ay)?|fine)\b`,
    String.raw`\bdo you (?:confirm|agree|approve)\b`,
    String.raw`\b(?:your|explicit) (?:explicit )?(?:confirmation|approval|go-ahead)\b`,
  ].join('|'),
  'i',
);

/** "Would you like me to check …", "Shall I look up …": permission to look, which changes nothing (unless the message also asks to proceed). */
const ASKS_TO_LOOK =
  /^(?![\s\S]*\b(?:proceed|go ahead|confirm|approve)\b)[\s\S]*\b(?:shall i|should i|would you like me to|do you want me to) (?:look|check|search|find|see|explore|calculate|verify|pull|get|show|list|help|transfer|connect|assist)\b/i;

/**
 * The user's own instruction to perform an action of the task, as an answer
 * to a presentation: "Please cancel both.", "Yes, go ahead and move it",
 * "Let's book it", "You can cancel K7QX2P". A wish ("I'd like to cancel") or
 * a question is not one.
 */
export function instructsAction(sentence: string, task: Task): boolean {
  return actionPatterns(task)?.instruction.test(sentence) ?? false;
}

/** The verb of the user's instruction, as the stem of an action's verb ("cancel" in "Yes, please cancel both"), when the sentence is one. */
export function instructedVerb(sentence: string, task: Task): string | undefined {
  const patterns = actionPatterns(task);
  // One quick pass for any of the verbs spares the instruction's pattern most sentences.
  if (!patterns?.anyVerb.test(sentence)) return undefined;
  const word = patterns.instruction.exec(sentence)?.[1]?.toLowerCase();
  return word === undefined ? undefined : patterns!.verbs.find((verb) => word.startsWith(verb));
}

/** Whether a text has any verb of the task's actions ("cancel", "book"): a text without one instructs nothing. */
export function hasActionVerb(text: string, task: Task): boolean {
  return actionPatterns(task)?.anyVerb.test(text) ?? false;
}

/** Whether a text speaks of an action by its verb ("to proceed with cancelling these", "we can still cancel"): `verb` as `instructedVerb` gives it. */
export function mentionsVerb(text: string, verb: string): boolean {
  return recall(VERB_MENTIONS, 256, verb, verbPattern).test(text);
}

function verbPattern(verb: string): RegExp {
  return new RegExp(String.raw`\b${verb}`, 'i');
}

// A pattern per verb, built once (the verbs are the few of the tasks in play).
const VERB_MENTIONS = new Map<string, RegExp>();

/**
 * The kinds of object (identifier slots) a message refers to definitely as
 * what an action acts on: "cancel the appointment", "Shall I move your
 * booking?", "proceed to refund this order". Rule 5: when only one object of
 * that kind is in play, the reference names it, as its code would.
 */
export function definiteObjects(text: string, task: Task): string[] {
  const patterns = actionPatterns(task);
  if (!patterns?.reference) return [];
  const found = new Set<string>();
  for (const match of matchesOf(patterns.reference, plain(text))) {
    const slot = patterns.kinds.get(match[1]!.toLowerCase());
    if (slot) found.add(slot);
  }
  return [...found];
}

/**
 * Whether a message asks for a yes to an action, or states that the bot will
 * now perform it, but shows no detail of its own (no code, sum, date or list):
 * "Let's cancel the appointment now. Would you like to proceed?". Such a
 * message presents the action when it names its object by a definite
 * reference that only one object in play fits (`definiteObjects`).
 */
export function asksYesWithoutDetails(text: string, task: Task): boolean {
  if (!MAY_PRESENT.test(text) || hasDetails(text)) return false;
  return asksYesOrAnnounces(plain(text), task) && !leavesChoice(text) && !asksForInformation(text);
}

interface ActionPatterns {
  /** "Would you like me to cancel …?", "Shall I book …?" */
  permission: RegExp;
  /** "I will now cancel appointment X and refund $50 to …", "… that I can reserve at 12:30 pm for 2 on March 14th." */
  willDo: RegExp;
  /** "Please cancel both", "let's book it": the verb is its first group. */
  instruction: RegExp;
  /** The action's verb, then a definite reference to an object of a kind it acts on ("cancel the appointment"): the kind's noun is its first group. */
  reference?: RegExp;
  /** The noun of each kind of object the actions act on ("appointment"), with its identifier slot ("appointment_id"). */
  kinds: Map<string, string>;
  /** The actions' verbs, as stems ("cancel", "mov"). */
  verbs: string[];
  /** Any of the verbs, anywhere. */
  anyVerb: RegExp;
}

const PATTERNS = new WeakMap<Task, ActionPatterns | null>();
/** By what they are built from: each imported conversation carries its own copy of its task. */
const PATTERNS_BY_CONTENT = new Map<string, ActionPatterns | null>();

/** Patterns built on the verbs of the task's consequential actions (the first word of each name and description). */
function actionPatterns(task: Task): ActionPatterns | undefined {
  let patterns = PATTERNS.get(task);
  if (patterns === undefined) {
    const key = task.actions.map((a) => (a.consequential ? `${a.name}\u0001${a.description}\u0001${a.required.join(',')}` : '')).join('\u0000');
    patterns = PATTERNS_BY_CONTENT.get(key);
    if (patterns === undefined) {
      if (PATTERNS_BY_CONTENT.size >= 256) PATTERNS_BY_CONTENT.clear();
      PATTERNS_BY_CONTENT.set(key, (patterns = buildPatterns(task)));
    }
    PATTERNS.set(task, patterns);
  }
  return patterns ?? undefined;
}

/** Verbs too general to name an action ("make it 8 pm", "change the time", "set it to …" correct a value). */
const GENERIC_VERBS = /^(?:get|find|search|look|check|do|make|set|change|add|give|take|have|the|this|a|an)$/;

function buildPatterns(task: Task): ActionPatterns | null {
  const verbs = new Set(consequentialVerbs(task).filter(({ verb }) => !GENERIC_VERBS.test(verb)).map(({ verb }) => verb.replace(/e$/, '')));
  if (verbs.size === 0) return null;
  const verb = `(?:${[...verbs].join('|')})\\w*\\b`;
  const kinds = objectKinds(task);
  const nouns = [...kinds.keys()].map((noun) => noun.replace(/ /g, '\\s+')).join('|');
  return {
    permission: new RegExp(String.raw`(?:\b(?:shall|should|can|may) (?:i|we)|\b(?:would|do) you (?:like|want|wish) (?:me|us) to)\s+(?:now |go ahead and |proceed (?:to|with) (?:the )?)?${verb}[^.!]*\?`, 'i'),
    instruction: new RegExp(String.raw`^\s*(?:(?:yes|yeah|ok(?:ay)?|alright|great|perfect|so|then|and|just|now)[,.!]?\s+)*(?:please\s+|let'?s\s+|you (?:can|may) (?:now |go ahead and )?|go ahead and\s+|(?:please\s+)?(?:proceed|continue) (?:to|with)\s+)*(${verb})(?![^.!?]*\?)`, 'i'),
    willDo: new RegExp(String.raw`\b(?:i(?:'ll| will| am going to|'m going to| am about to|'m about to| can)|let me now|next,? i(?:'ll| will)) (?:now |then |go ahead and |proceed (?:to|with) (?:the )?)?${verb}`, 'i'),
    ...(nouns ? { reference: new RegExp(String.raw`${verb}\s+(?:[\w-]+\s+){0,2}?(?:the|your|this|that)\s+(?:[\w-]+\s+)?(${nouns})\b(?!['-]|\s+(?:id|code|number)\b)`, 'gi') } : {}),
    kinds,
    verbs: [...verbs],
    anyVerb: new RegExp(String.raw`\b${verb}`, 'i'),
  };
}

/**
 * The kinds of object the task's actions act on: each identifier slot an
 * action requires ("appointment_id", "booking_code") by its noun
 * ("appointment", "booking"). A slot of a person ("user_id") names no object.
 */
function objectKinds(task: Task): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const action of task.actions.filter((a) => a.consequential)) {
    for (const slot of action.required) {
      const noun = /^(.+?) (?:id|code|number|ref|reference)$/.exec(humanize(slot))?.[1];
      if (noun && !PERSON.test(noun)) kinds.set(noun, slot);
    }
  }
  return kinds;
}

const PERSON = /^(?:user|customer|client|member|account holder|person|guest|patient)$/;


/** Details a yes could approve: an identifier (a code with digits), an amount, a date, a list of two or more lines, or a JSON object. */
function hasDetails(text: string): boolean {
  // Every detail but a JSON object has a digit: a text with neither needs no closer look.
  return ((/\d/.test(text) || text.includes('{')) && DETAIL.test(text)) || (text.match(LIST_LINE)?.length ?? 0) >= 2;
}

const DETAIL =
  /[$€£]\s?\d|\b\d[\d,]*(?:\.\d+)?\s?(?:usd|eur|gbp|dollars?|euros?)\b|\b(?=[#\w-]*\d)(?=[#\w-]*[a-z])[#a-z0-9][\w-]{3,}\b|\b\d{5,}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\{\s*"/i;
const LIST_LINE = /^\s*(?:[-*•]|\d+[.)]|\|)\s*\S/gm;
