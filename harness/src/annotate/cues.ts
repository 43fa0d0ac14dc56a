/**
 * Surface cues for acts that carry no slot. Each is a regular expression over
 * one sentence; they are deliberately conservative: a missed cue costs a
 * missed detection, a false cue costs a false alarm on a healthy bot.
 */
export const CUES = {
  affirm: /^\s*(yes|yeah|yep|yup|correct|that'?s (right|correct|it|perfect|fine)|right|sure|exactly|sounds (good|great|right|perfect)|perfect|absolutely|affirmative|ok(ay)?|that works|great|cool|fine)\b/i,
  negate: /^\s*(no|nope|nah|not (quite|really|exactly)|that'?s (wrong|not right|incorrect)|wrong|incorrect|actually)\b/i,
  goAhead: /\b(go ahead|go for it|proceed|book it|please book|reserve it|do it|please do|make the (booking|reservation|transfer|payment)|place (it|the order)|send it|you can (book|proceed|go ahead)|confirm the (booking|reservation))\b/i,
  /** A go-ahead cue in a sentence like this is not one: "before you book it", "don't go ahead yet". */
  notGoAhead: /\b(don'?t|do not|not yet|before (you|we|i)|wait|hold (on|off)|check with|not sure|let me think|no need to)\b/i,
  askGoAhead:
    /\b((shall|should|can|may) i (go ahead|proceed|book|reserve|make|place|submit|send|confirm|set|transfer|buy|purchase|schedule|add|finali[sz]e)|(do|would) you (like|want) me to (go ahead|proceed|book|reserve|make|place|submit|send|confirm|set|transfer|buy|purchase|schedule|add|finali[sz]e)|(ok(ay)?|alright) to (proceed|book|go ahead)|ready (for me )?to (book|proceed)|go ahead (and|with)[^?]*\?)/i,
  confirm:
    /\b(confirm|to confirm|just to (check|confirm|double[- ]check|be sure)|is (that|this|everything) (right|correct|ok(ay)?)|(does|do) (that|this|these) (look|sound) (right|good|correct)|let me (confirm|verify|check|recap)|to recap|to summari[sz]e|you want|you'?d like|you said|please verify)\b/i,
  claimsDone:
    /\b(has been|have been|is now|successfully|all set|(is|are) (booked|reserved|confirmed|done|scheduled|placed|set up)|i('ve| have) (booked|reserved|made|placed|scheduled|set|sent|added|transferred|completed)|booking is confirmed|you'?re booked)\b/i,
  offer: /\b(how about|what about|i found|i have found|there (is|are) \d+|there'?s a|would you like to (try|go with))\b/i,
  question: /\?\s*$|^\s*(please )?(tell|provide|let me know|give|specify|share)\b|^\s*(what|which|when|where|who|how many|how much)\b/i,
} as const;

/** Splits a message into sentences; a question mark or full stop ends one. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
