import { words, type Word } from './text.js';

/**
 * What a question asks for, as opposed to what it mentions. "What changes
 * would you like to make to this appointment?" asks for changes; the
 * appointment is context. "When moving the appointment, a card is needed
 * for the deposit" asks nothing: its "when" opens a subordinate clause.
 */

const AUXILIARY = /^(is|are|was|were|be|do|does|did|will|would|should|can|could|shall|may|might|must|has|have|had)$/;
const COPULA = /^(is|are|was|were|what's|whats|which's)$/;
const SUBJECT = /^(you|i|we|they|he|she|it|there|that|this)$/;
// Words that end a noun phrase: prepositions other than "of", pronouns, relatives, conjunctions.
const PHRASE_END = /^(to|for|in|on|at|from|with|about|regarding|under|by|into|during|before|after|so|if|because|that|which|who|whom|where|when|you|i|we|they|it|and|or|but|please|like|using|such)$/;
const DETERMINER = /^(the|a|an|your|my|our|their|this|that|these|those|any|some|me|us|one)$/;
// Before the phrase: "provide me with your ID", "which of these", "preferences regarding the table".
const LEADING_PREPOSITION = /^(with|of|for|regarding|about|on|in|as|to)$/;
// Verbs and phrases after which a question word opens an embedded question ("could you specify which crossing").
const ASKING_BEFORE = /(?:^|[,:;(.!?\-–—]|\b(?:and|or|but|so|also|then|now|please|confirm|know|tell (?:me|us)|ask|specify|clarify|decide|indicate|sure|wondering|advise|share|mention|say|about|prefer|preference|preferences|idea))\s*$/;
const FILLER_BEFORE = /^(?:(?:and|so|ok(?:ay)?|sure|great|alright|also|now|then|please|thanks|thank you|perfect|got it|understood|finally|lastly|first|next|of course|certainly|absolutely|no problem|at least|maybe|perhaps)[,.!]?\s*)+$/;
// "on which day", "until when", "in what city": a preposition may lead a question word.
const PREPOSITION_BEFORE = /\b(?:on|in|at|for|from|to|by|with|under|around|until|till|since)\s*$/;

/**
 * Whether the question word at `index` of a clause asks something: it opens
 * the clause or follows a verb of asking, it is not the "when" of a
 * subordinate clause ("When moving…", "When you say X, do you want…"),
 * and not a free relative ("more than what you paid").
 */
export function asksAt(clause: string, index: number, namesWhat: boolean, opensSentence: boolean, sentence: string): boolean {
  const before = clause.slice(0, index).trim();
  const after = words(clause.slice(index)).slice(1, 5);
  if (after[0] && /ing$/.test(after[0].text) && after[0].text.length > 5) return false;
  // "And flying where?": a question word that ends the question asks too.
  const last = /^\w+\s*\?*\s*$/.test(clause.slice(index));
  const opens = before === '' || last || FILLER_BEFORE.test(before) || ASKING_BEFORE.test(before) || ((namesWhat || /^(when|where)\b/.test(clause.slice(index))) && PREPOSITION_BEFORE.test(before));
  if (!opens) return false;
  return !(opensSentence && before === '' && /^(when|where)\b/.test(clause.slice(index)) && subordinate(after, clause, sentence));
}

/** "When you say X, do you want…": a clause with no inversion, then a comma and a main clause of its own. */
function subordinate(after: Word[], clause: string, sentence: string): boolean {
  if (after.slice(0, 3).some((w) => AUXILIARY.test(w.text))) return false;
  const rest = sentence.slice(sentence.indexOf(clause) + clause.length);
  return /^\s*,/.test(rest) && words(rest).length >= 3;
}

/**
 * The words of what a generic question word or a verb of asking asks for:
 * the noun phrase after "which"/"what" ("which card"), after a
 * copula ("what is your reason for…": reason), or after a verb of asking
 * ("provide me with your user ID"). Empty when the question asks about an
 * action ("what would you like to change…").
 */
export function focusAfter(clause: string, index: number, questionWord: boolean): Word[] {
  let rest = words(clause.slice(index));
  let start = 0;
  if (questionWord) {
    const first = rest[0]?.text ?? '';
    start = 1;
    if (rest[1] && COPULA.test(rest[1].text) && !COPULA.test(first)) start = 2;
    else if (!COPULA.test(first) && rest[1] && AUXILIARY.test(rest[1].text)) {
      // "What should I put as the follow-up date?": the phrase after "as" or "to be"; else the question is about an action.
      const as = rest.findIndex((w, i) => i > 1 && (w.text === 'as' || (w.text === 'be' && rest[i - 1]?.text === 'to')));
      if (as < 0) return [];
      rest = rest.slice(as);
    }
  }
  const phrase: Word[] = [];
  for (const word of rest.slice(start)) {
    if (phrase.length === 0 && (DETERMINER.test(word.text) || LEADING_PREPOSITION.test(word.text))) continue;
    // "follow-up date": a hyphen joins a compound, whatever its parts.
    const joined = phrase.length > 0 && clause.charAt(index + word.index - 1) === '-';
    if (!joined && (PHRASE_END.test(word.text) || AUXILIARY.test(word.text) || (phrase.length > 0 && SUBJECT.test(word.text)))) break;
    phrase.push(word);
    if (phrase.length >= 6) break;
  }
  return phrase.map((w) => ({ ...w, index: w.index + index }));
}
