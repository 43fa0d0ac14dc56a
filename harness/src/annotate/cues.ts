/**
 * Surface cues for acts that carry no slot. Each is a regular expression over
 * one sentence; they are deliberately conservative: a missed cue costs a
 * missed detection, a false cue costs a false alarm on a healthy bot.
 */
export const CUES = {
  /** A yes: always an AFFIRM. */
  affirm:
    /^\s*(?:(?:finally|well|oh|ok(?:ay)?|alright|great|perfect|cool|hmm+)[,.!]?\s+)?(yes|yeah|yep|yup|ya|yea|ye|correct|that'?s (right|correct|it)|that is (right|correct|it|confirmed)|confirm(ed)?|approved?|agreed?|i confirm|exactly|absolutely|definitely|of course|affirmative|certainly|indeed|right|sure|you got it|you bet|spot on|you nailed it|bingo|please do|go ahead)\b/i,
  /**
   * Agreement ("sounds good", "perfect", "thanks"): an AFFIRM only in answer
   * to a confirmation or a request for permission; after a list of results it
   * picks one, which approves nothing.
   */
  agree:
    /^\s*(?:(?:finally|well|oh|ok(?:ay)?|alright|great|perfect|cool|hmm+)[,.!]?\s+)?((that|this|it)('?s| is| was| will be| would be| seems| looks| sounds| sound)? (very |really |pretty |so |quite |just )?(fine|good|great|perfect|right|correct|ok(ay)?|excellent|wonderful|nice|awesome|lovely|cool|it)|(that|this|it) (would|will) work|(that|this|it),? (suits|works|fits)|i want (this|that|it)|no \w+ (is|are) (fine|ok(ay)?|good)|please (try|do) (it|that)|try it|let'?s do (it|that)|good|thanks|thank you|wonderful|excellent|awesome|lovely|nice|sounds (very |really |pretty |so |quite )?(good|great|right|perfect|fine|nice|awesome|wonderful|excellent)|perfect|ok(ay)?|alright|all right|that works|works for me|great|cool|fine)\b/i,
  negate: /^\s*(?!no (problem|worries|need)\b|no \w+( \w+)? (is|are|would be|will be) (fine|ok(ay)?|good|great|perfect)\b)(no|nope|nah|not (quite|really|exactly)|that'?s (wrong|not right|incorrect)|that is (wrong|not right|incorrect)|wrong|incorrect|actually|wait|sorry,? (no|not|i meant))\b/i,
  goAhead: /\b(go ahead|go for it|proceed|book it|please book|reserve it|do it|please do|make the (booking|reservation|transfer|payment)|place (it|the order)|send it|you can (book|proceed|go ahead)|confirm the (booking|reservation))\b/i,
  /** A go-ahead cue in a sentence like this is not one: "before you book it", "don't go ahead yet". */
  notGoAhead: /\b(don'?t|do not|not yet|before (you|we|i)|wait|hold (on|off)|check with|not sure|let me think|no need to)\b/i,
  askGoAhead:
    /\b((shall|should|can|may) i (go ahead|proceed|book|reserve|make|place|submit|send|confirm|set|transfer|buy|purchase|schedule|add|finali[sz]e)|(do|would) you (like|want) me to (go ahead|proceed|book|reserve|make|place|submit|send|confirm|set|transfer|buy|purchase|schedule|add|finali[sz]e)|(ok(ay)?|alright) to (proceed|book|go ahead)|ready (for me )?to (book|proceed)|go ahead (and|with)[^?]*\?)/i,
  /** A recap offered for checking; with values it is a confirmation. */
  confirm:
    /\b(confirm|just to (check|double[- ]check|be sure|make sure)|is (that|this|everything|it|all (of )?this|all that) (right|correct|ok(ay)?|accurate|good|fine)|(does|do) (that|this|these|it) (look|sound|seem) (right|good|correct|ok(ay)?)|let me (verify|check|recap)|to be (clear|sure)|to recap|to summari[sz]e|please verify|verify (the following|that)|right\s*\?\s*$|correct\s*\?\s*$)|^\s*(?:(?:so|ok(?:ay)?|alright|sure|great|cool|perfect|got it|okay then|all right)[,.!]?\s+)*you (?:want|would like|'d like|wish|are looking|need|will be|are going)\b/i,
  /** A confirmation cue strong enough without values ("Please confirm the details."). */
  confirmRequest:
    /^\s*(please )?confirm(ing|ation)?\b|^\s*(?:(?:so|ok(?:ay)?|alright|sure|great|cool|perfect|got it|okay then|all right)[,.!]?\s+)*you (?:want|would like|'d like|wish)\b|\b(just to (make sure|be sure|double[- ]check|check)|confirmation|please confirm|do you confirm|let'?s confirm|confirm the details|verify|approval|approve|,\s*ok(ay)?\s*\?\s*$|can you confirm|could you confirm|to confirm|is (that|this|everything|it|all (of )?this|all that) (right|correct|accurate|ok(ay)?|fine|good)( (for|with) you)?\s*\?|(does|do) (that|this|it) (look|sound) (right|correct|good|ok(ay)?)|please verify|verify the following|confirm the following|(right|correct)\s*\?\s*$)/i,
  /** "What about next Tuesday at 12:30?": a proposal; with values it presents them for a yes, like a confirmation. */
  proposal: /^\s*(?:(?:sorry|ok(?:ay)?|well|alternatively|instead)[^.?!]*?[,.!]\s*)?(how|what) about\b/i,
  /** The bot reports that something did not work. */
  failure: /\b(sorry|unfortunately|unable|couldn'?t|could not|can'?t|cannot|wasn'?t able|not able|failed|no (availability|tables?|seats?|slots?)|(is|are) (not available|unavailable|full|booked up|taken))\b/i,
  /** A statement presenting search results: with values it is an OFFER, never a recap. */
  offer: /\b(how about|what about|another|also (there|available)|i (have|found|got|can see) (found |got )?(\d+|a|an|one|some|several|these|the following)\b|i('ve| have) found|there (is|are|was|were)|there'?s|available|you might (like|enjoy)|you can (choose|pick|select)|one of (them|these)|options?|results?|matches|is located|located (at|in)|rated|stars?|would you like to (try|go with))\b/i,
  /** A statement restating what will be done: with values it is a recap for checking, like a confirmation. */
  recap: /^\s*(?:(?:yes|ok(?:ay)?|sure|alright|great|got it)[,.!]?\s+)*(creat|sett|book|reserv|schedul|add|mak|plac|transferr|send|play|rent|buy|purchas|order)ing\b|\b(you('re| are| need| want| will| would| wish)|you'?d like|i('ll| will| am|'m| shall) (be )?(book|add|creat|reserv|schedul|transfer|set|play|rent|buy|purchas|send|mak|order)\w*|kindly ensure|let me see if i got|to make sure|double[- ]check|so,? (that'?s|it'?s)|(that'?s|it'?s) (for|at|on))\b/i,
  /** A sentence that asks something: a question mark, a question word first, a request for information, or a statement of what the bot needs ("I need your zip code"). */
  question: /\?\s*$|^\s*(?:(?:and|so|ok(?:ay)?|sure|great|alright|also|now|then|please)[,.!]?\s+)*(what|which|when|where|who|how|whats|wheres)\b|^\s*(please )?(tell|provide|let me know|give|specify|share)\b|\bplease\s*[.!]?\s*$|\b(?:i|we)(?:'ll| will| would|'d)? (?:also )?(?:need|require) (?:to know |to have )?(?:your|the)\b/i,
  /** A question that asks for content (what, when, how many…), not for a yes. */
  whQuestion: /^\s*(?:[\w']+[,.!]?\s+){0,3}(what|which|when|where|who|whom|whats|wheres|how)\b|\b(what|which|when|where|who|whom|how (many|much|long|early|late|old))\b[^.!]*\?\s*$/,
} as const;

