import { humanize, type Task } from '../bot/task.js';
import { consequentialVerbs } from './action-verbs.js';

/**
 * Claims of success (rule 15): the bot saying it has just performed one of
 * the task's consequential actions: "I've cancelled your appointment", "your
 * table has been booked", "the transfer went through". Descriptions of
 * records ("the appointment was made in May"), policy ("it can only be
 * cancelled if…"), conditionals, negations and plans ("once it is done…")
 * claim nothing.
 */
export interface ClaimPatterns {
  /** Claims in verbs of the task's consequential actions, the action each verb names, the verb's forms (a sentence without one needs no pattern), and the other words of those actions' names and descriptions (what the verb acts on). */
  actions: Array<{ pattern: RegExp; actions: string[]; forms: string[]; objects: Set<string> }>;
  /** Claims in words of success any task uses ("successfully", "all set", "is confirmed"). */
  generic: RegExp;
  /** A word every claim has (a participle, "successful", "all set"…): a sentence without one is not matched pattern by pattern. */
  quick: RegExp;
}

// Words that say a request was carried out, whatever the task: in the first person ("I've booked"), in the perfect
// ("has been reserved") and as a state that ends its clause ("your table is reserved."; not "is booked on the terrace").
const DONE_BY_ME = "booked|reserved|scheduled|placed|created|added|completed|processed|submitted|rented|purchased|bought|ordered|set up|finali[sz]ed|made (?:your|the|that|those|this)";
const DONE = `${DONE_BY_ME}|confirmed|made|initiated|set|done|successful`;
const STATE = 'booked|reserved|confirmed|scheduled|placed|set|made|complete|completed|processed|done|on (?:its|the) way|successful';
const ADVERB = '(?:(?:now|just|successfully|also|all)\\s+)*';
// Held for someone: "your table for 6 is booked for December 19", "is reserved under Ada" (not "is booked on the terrace").
const HELD = 'booked|reserved|confirmed|placed';
// A state or a simple past that ends its clause: "your table is reserved.", "the appointment was made." (not "was made on May 4").
const CLAUSE_END = '(?=\\s*(?:now|successfully|for you|as requested)?\\s*(?:[.!,;)]|\\band\\b|$))';
const GENERIC = new RegExp(
  `\\b(?:(?:i|we)(?:'ve| have)?\\s+${ADVERB}(?:${DONE_BY_ME})|(?:has|have|'s)\\s+${ADVERB}been\\s+${ADVERB}(?:${DONE})|(?:is|are|'s|'re)\\s+${ADVERB}(?:${STATE})${CLAUSE_END}|(?:is|are|'s|'re)\\s+${ADVERB}(?:${HELD})(?=\\s+(?:for|under)\\b)|(?:was|were)\\s+(?:${STATE})${CLAUSE_END}|(?:was|were)\\s+(?:successfully|just)\\s+(?:${DONE})|(?:was|were)\\s+(?:${DONE})\\s+successfully|successfully|you'?re all set|all set|went through)\\b`,
  'i',
);
const IRREGULAR: Record<string, string> = { buy: 'bought', send: 'sent', make: 'made', set: 'set', pay: 'paid', get: 'got', put: 'put', give: 'given', take: 'taken', choose: 'chosen', hold: 'held', pick: 'picked' };
// Words of an action's description that name no object it acts on.
const FILLER = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'their', 'your', 'its', 'this', 'that', 'user', 'users', 'customer', 'given', 'new']);
// What tells of an action rather than being its object: "your confirmation details have been sent to your email".
const NOTICE = /\b(?:confirmation|details|receipt|summary|itinerary|invoice|e-?mails?|link|notification|message|text|sms|copy)\b/i;
// Verbs too general to say which action was done.
const VAGUE_VERBS = /^(get|find|search|look|check|do|make|the|a|an|calculate|list|call|handle)$/;

/** Claim patterns of a task, built once per task. */
export function claimPatterns(task: Task): ClaimPatterns {
  const verbs = new Map<string, string[]>();
  const objects = new Map<string, Set<string>>();
  for (const { verb, action } of consequentialVerbs(task)) {
    if (VAGUE_VERBS.test(verb)) continue;
    verbs.set(verb, [...new Set([...(verbs.get(verb) ?? []), action.name])]);
    const words = objects.get(verb) ?? new Set<string>();
    for (const word of `${humanize(action.name)} ${action.description}`.toLowerCase().match(/[a-z]{3,}/g) ?? []) if (word !== verb && !FILLER.has(word)) words.add(word);
    objects.set(verb, words);
  }
  const actions = [...verbs].map(([verb, names]) => {
    const participle = participles(verb);
    const done = participle.join('|');
    const ing = progressive(verb);
    const pattern = new RegExp(`(?<!\\b(?:i|we|you)(?:'m| am|'re| are)\\s+)\\b(?:(?:is|are|'s)\\s+(?:now\\s+)?${ing}|now\\s+${ing}|started\\s+${ing})\\b|\\b(?:(?:i|we)(?:'ve| have)?\\s+${ADVERB}(?:${done})|(?:has|have)\\s+${ADVERB}been\\s+${ADVERB}(?:${done})|(?:is|are|'s|'re)\\s+now\\s+${ADVERB}(?:${done})|(?:was|were)\\s+(?:successfully|just)\\s+(?:${done})|(?:was|were)\\s+(?:${done})\\s+successfully)\\b`, 'i');
    return { pattern, actions: names, forms: [...participle, ing], objects: objects.get(verb)! };
  });
  const quick = new RegExp(`\\b(?:${[...actions.flatMap((a) => a.forms), DONE, STATE].join('|')}|successful\\w*|all set|went through)\\b`, 'i');
  return { actions, generic: GENERIC, quick };
}

/** "play" → playing, "make" → making: the song is playing now. */
function progressive(verb: string): string {
  return verb.endsWith('e') && !verb.endsWith('ee') ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
}

/** "cancel" → cancelled, canceled; "transfer" → transferred, transfered; "buy" → bought. */
function participles(verb: string): string[] {
  if (IRREGULAR[verb]) return [IRREGULAR[verb]!];
  if (verb.endsWith('e')) return [`${verb}d`];
  if (/[^aeiou]y$/.test(verb)) return [`${verb.slice(0, -1)}ied`];
  const doubled = /[aeiou][bdgklmnprt]$/.test(verb) && !/[aeiou]{2}[a-z]$/.test(verb) ? [`${verb}${verb.at(-1)}ed`] : [];
  return [...doubled, `${verb}ed`];
}

// Before the claim, in its sentence: a plan, a condition, a possibility, a negation or what a record shows ("once it has been
// booked", "it can't be cancelled", "the timetable shows it docked successfully").
const NOT_YET = /\b(?:if|once|when|whether|after|before|until|unless|will|would|can|could|should|may|might|must|going to|need to|needs to|able to|want to|wants to|like me to|let me|i'?ll|about to|ready to|not|never|unable|cannot|no longer|only|neither|nor|already|shows?|showed|indicates?|indicated|according to)\b|n't\b|\bno\s+(?:[\w-]+\s+){1,3}$/i;
// A recap for the user to check, anywhere in the sentence (its closing question too): "kindly ensure that…", "…, can you confirm?".
const CHECKING = /^\s*(?:\w+[,!]\s+)?confirming\b|\b(?:let'?s confirm|to confirm|kindly ensure|please ensure|make sure|double[- ]check|please (?:confirm|verify|check)|(?:can|could) you (?:please )?(?:confirm|verify))\b/i;
// After it: when a record was made ("was booked on May 2", "booked within the last 24 hours", "made 3 days ago").
const RECORD_TIME = /^\s*by\s+(?!me\b|us\b)|^\s*(?:[\w$]+\s+){0,3}?(?:(?:on|in)\s+(?:\d|the \d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|last|early|late)|within|ago\b|since|previously|originally|earlier|back in|more than|less than|at least)/i;

/**
 * The claim a sentence makes, if any: `action` is the action its verb names
 * (undefined for a generic "all set"). A question is no claim, nor is a recap
 * put up for checking ("Kindly ensure that your table for 2 has been booked").
 */
export function claimIn(text: string, patterns: ClaimPatterns): { action?: string } | undefined {
  // "I reserved your table; can I help with anything else?": the claim before the closing question stands.
  const sentence = /\?\s*$/.test(text) ? text.replace(/(?:[;,]|\s-\s)[^;,]*\?\s*$/, '.') : text;
  if (/\?\s*$/.test(sentence) || !patterns.quick.test(sentence) || CHECKING.test(text)) return undefined;
  const lower = sentence.toLowerCase();
  for (const { pattern, actions, forms, objects } of patterns.actions) {
    if (!forms.some((form) => lower.includes(form))) continue;
    const match = pattern.exec(sentence);
    if (!match) continue;
    const before = clauseBefore(sentence, match);
    if (stands(sentence, match, before) && !notice(before, objects)) return actions.length === 1 ? { action: actions[0]! } : {};
  }
  const match = patterns.generic.exec(sentence);
  return match && stands(sentence, match, clauseBefore(sentence, match)) ? {} : undefined;
}

/** The words of a match's clause before it: its subject, and what frames it. */
function clauseBefore(sentence: string, match: RegExpExecArray): string {
  return sentence.slice(0, match.index).split(/[;:]|,\s*(?:and|but|so)\b|\bbut\b/).at(-1) ?? '';
}

/** A notice about an action (its confirmation, a receipt) is what was sent, unless it names what the action itself acts on. */
function notice(subject: string, objects: ReadonlySet<string>): boolean {
  return NOTICE.test(subject) && !(subject.toLowerCase().match(/[a-z]{3,}/g) ?? []).some((word) => objects.has(word) || objects.has(word.replace(/s$/, '')));
}

/** Whether a matched claim is said as done: no plan, condition or negation before it in its clause (`before`), no record date after it. */
function stands(sentence: string, match: RegExpExecArray, before: string): boolean {
  if (NOT_YET.test(before) || /\b(?:not|never)\b|n't\b/i.test(match[0])) return false;
  // "Your table is reserved." reports an outcome; "Your crossing from Kiel to Oslo on May 18 is confirmed" describes a record.
  if (/^(?:is|are|'s|'re|was|were)\s+(?!successfully|just)/i.test(match[0]) && before.trim().split(/\s+/).length > 4) return false;
  return !RECORD_TIME.test(sentence.slice(match.index + match[0].length));
}
