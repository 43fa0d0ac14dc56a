import type { FailureClass } from '../detect/failure.js';
import type { PrincipleText } from '../guide/schema.js';

/**
 * The starting principle for each failure class, written for slotcheck from
 * how slot-filling prompts typically fail. Offline, `refine` seeds the guide
 * with these (marked unverified); a verified fix later replaces them.
 */
export const SEED_PRINCIPLES: Record<FailureClass, PrincipleText> = {
  're-ask': {
    title: 'Keep slot capture separate from the workflow steps',
    statement:
      'Describe what the bot must know as a set of slots it fills from whatever the user says, whenever they say it, and let it ask only for slots that are still empty; never as a fixed sequence of questions.',
    rationale:
      'A prompt that lists questions in order ("first ask the date, then the time") is followed as a script: the model asks each question in turn even when the user already answered it, most often for details given in the opening message or several at once.',
    howToApply:
      'List the slots once, with what each means. Then state the rule separately from the steps: "Ask only for details that are still missing. Never ask again for a detail the user already gave, unless they change it or reject it at confirmation."',
    antiPattern: 'A numbered script of questions ("1. Ask for the date. 2. Ask for the time.") with no instruction to skip what the user already said.',
    category: 'structural',
  },
  'premature-action': {
    title: 'Keep confirming the values separate from authorising the action',
    statement:
      'Before a consequential action, read the collected values back and get them confirmed; then ask for permission to act, and act only on an explicit yes, starting over after any change.',
    rationale:
      'Once a model has every value it treats having the data as being allowed to act. "Are these details right?" and "May I do it now?" are different questions; a prompt that merges them, or says "when you have everything, book", produces actions the user never approved.',
    howToApply:
      'Give confirmation and permission their own rules, name the tool that changes the world, and say what resets them: "After the user confirms, ask “Shall I go ahead and book it?” and call book_table only after they say yes. If they change a detail, confirm again."',
    antiPattern: '"When you have all the details, book the table", or its softer form "confirm the details and book".',
    category: 'structural',
  },
  'unapproved-detail': {
    title: 'Show every money detail in the proposal the user approves',
    statement:
      'Before asking for the yes to an action that charges or refunds the user, state in the same proposal the sum paid or refunded (or that nothing is charged) and the card or account it goes to or from, named so the user recognises it.',
    rationale:
      'A user who says yes to "shall I move you to the May sailing?" has approved the change, not a charge they never saw. Models fill the payment argument on their own, with the first card on file, and compute the difference only inside the call, so the user learns what they paid from the statement.',
    howToApply:
      'Name the arguments that move money in the prompt and require them in the read-back: "Before calling book_table, state the deposit and the card it is charged to (for example ‘the card ending 3906’) and ask for yes. If the user has not chosen a card, ask which one."',
    antiPattern: 'A confirmation that lists what changes ("new sailing, sea view cabin") and ends with "Shall I proceed?" while the call picks a card and a sum the user never saw.',
    category: 'localized',
  },
  'confirmation-as-go-ahead': {
    title: 'Treat a yes to "is this correct?" as confirmation only',
    statement:
      'When the user agrees that the read-back values are correct, that confirms the values; ask for the go-ahead as its own question unless the same reply explicitly authorises the action.',
    rationale:
      'The user\'s "yes" answers the question that was asked. Bots that take it as permission act on a confirmation the user meant only as "the details are right", which is indistinguishable from a premature action to the user.',
    howToApply:
      'Spell out both answers in the prompt: "‘Yes, that\'s right’ confirms the details; it is not permission. ‘Yes, go ahead’ is permission." Offer a combined question only when the task allows it, and then phrase it as one ("Is this right, and shall I book it?").',
    antiPattern: 'Ending the confirmation with "Is that correct?" and then booking on the reply "Yes".',
    category: 'localized',
  },
  'ignored-correction': {
    title: 'Let a correction replace the value for the rest of the conversation',
    statement:
      'When the user changes a detail, the new value supersedes the old one everywhere after it: acknowledge it, use it in the next read-back, and pass it to the tool.',
    rationale:
      'Models anchor on the first value they extracted, especially when the correction arrives as an answer to a confirmation ("no, 8:30 instead"). Without a rule for corrections, the bot repeats or books the stale value.',
    howToApply:
      'Add a rule for the "no" answer to a confirmation and for unprompted changes: "If the user corrects a detail, use the new value from then on and confirm all details again before asking for permission."',
    antiPattern: 'A prompt that says "confirm the details" but never says what to do when the user answers "no, …".',
    category: 'localized',
  },
  'wrong-value': {
    title: 'Pass the confirmed values to the tool, normalised but unchanged',
    statement:
      'The tool arguments must be exactly the values the user confirmed, converted to the format the tool expects (ISO dates, 24-hour times, numbers) and nothing else.',
    rationale:
      'Values drift when the model reformats them: relative dates resolved against the wrong day, "half seven" read as 07:30, a party size taken from an earlier message. The conversation looks right and the booking is wrong.',
    howToApply:
      'Give today\'s date in the prompt, state each slot\'s format next to its description, tell the bot to resolve relative dates ("next Friday") against today and to read the resolved value back before acting.',
    antiPattern: 'Slot descriptions without formats, and no "today" in the prompt, so the model guesses both.',
    category: 'localized',
  },
  'invented-value': {
    title: 'Never fill a slot the user did not give',
    statement:
      'Every value an action receives comes from the user or from a declared default; when one is missing, the bot asks for it rather than guessing, inferring from context, or using a placeholder.',
    rationale:
      'Models complete patterns: an example value in the prompt ("e.g. 7pm for 2 people") or a plausible default becomes a tool argument the user never said, and a confirmation that lists it is easy to wave through.',
    howToApply:
      'Declare defaults explicitly (or say there are none), keep example values out of the instructions or mark them as examples, and add "If a required detail is missing, ask for it; never make one up."',
    antiPattern: 'Example values written inline with the instructions, and no rule for what to do when a detail is missing.',
    category: 'localized',
  },
  'missing-action': {
    title: 'State exactly when the action must happen, and make the bot call the tool',
    statement:
      'Say in the prompt the condition under which the bot acts (every required value confirmed and the go-ahead given) and that acting means calling the tool in that turn, never only saying it is done.',
    rationale:
      'Prompts heavy with caution ("never act without permission") leave the model unsure when permission is enough, so it keeps confirming, or it claims "your table is booked" without calling the tool.',
    howToApply:
      'Name the tool and the trigger: "When the user says yes to going ahead, call book_table with the confirmed details in that reply. Never say a booking is made unless the tool returned it."',
    antiPattern: 'Rules about when not to act, and none about when to act; "let the user know it is booked" without naming the tool.',
    category: 'structural',
  },
  'turn-budget': {
    title: 'Read a long conversation as a symptom, and find where the turns went',
    statement:
      'When conversations run out of turns, first locate the waste in the transcripts (repeated questions, one detail per question, repeated confirmations, loops after a refusal) and fix that cause; do not just ask the bot to be brief.',
    rationale:
      'Running out of turns is rarely a failure of its own: it is the sum of smaller ones. Shortening replies does not help when the bot keeps asking for what it has or confirms after every answer.',
    howToApply:
      'Count the bot\'s turns by dialogue act in failing transcripts; fix the most frequent waste (usually re-asking), then let the bot ask for related missing details together ("What date and time would you like?").',
    antiPattern: '"Keep the conversation short" added to the prompt while the bot still asks one question per turn and repeats them.',
    category: 'diagnostic',
  },
};

/** A fallback definition of each class, used in meta-prompts only when its detector is not registered. */
export const CLASS_FALLBACK_DEFINITIONS: Record<FailureClass, string> = {
  're-ask': 'The bot asks again for a value the user already gave and has not changed.',
  'premature-action': 'The bot performs a consequential action before the user approved the details.',
  'unapproved-detail': 'The user approved the action, but a detail of the call that decides what they pay or receive (amount, card, refund destination) was never shown to them.',
  'confirmation-as-go-ahead': 'The bot treats the user\'s confirmation of the values as permission to act, without asking for the go-ahead.',
  'ignored-correction': 'The bot keeps using a value after the user corrected it.',
  'wrong-value': 'The action receives a value different from the one the user gave and confirmed.',
  'invented-value': 'The action receives a value the user never gave.',
  'missing-action': 'The bot does not perform the action although the user approved it, or claims it without calling the tool.',
  'turn-budget': 'The conversation ran out of turns before the task was done.',
};
