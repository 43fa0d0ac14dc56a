import { PROMPT_RULES } from './prompt-following-bot.js';

/** A principle as the guide meta-prompts show it. */
interface ShownPrinciple {
  id: string;
  title: string;
  statement: string;
  howToApply: string;
  failureClasses: string[];
}

/** "When you have every detail, call the tool": the line a rule about acting only after a yes replaces. */
const ACTS_WHEN_COMPLETE = /\b(?:when|once) you have (?:every|all)\b[^\n]*\bcall\b|\bas soon as you have\b/i;
/** Which rules a sentence states, in the terms the prompt-following bot reads. */
const RULES = [PROMPT_RULES.noReAsk, PROMPT_RULES.readBack, PROMPT_RULES.actOnlyAfterYes, PROMPT_RULES.hurry];

/** The rule a principle asks a prompt to state: the first quoted sentence of its how-to-apply, else its statement. */
export function ruleOf(principle: Pick<ShownPrinciple, 'statement' | 'howToApply'>): string {
  return /["“]([^"”]{20,})["”]/.exec(principle.howToApply)?.[1] ?? principle.statement;
}

/**
 * Answers the guide-apply meta-prompt as a capable model would, by the rules the prompt-following
 * bot obeys: for each principle, the rule it states, in the bot's words (its tool named); no edit
 * when the prompt already states it; a rule about acting only after a yes replaces the line that
 * acts as soon as the details are complete.
 */
export function answerApply(text: string): object {
  const principles = JSON.parse(/^Principles \(JSON\): (.*)$/m.exec(text)?.[1] ?? '[]') as ShownPrinciple[];
  let prompt = /<prompt>\n([\s\S]*)\n<\/prompt>/.exec(text)?.[1] ?? '';
  const tool = /It acts by calling: ([A-Za-z_]\w*)/.exec(text)?.[1];
  const edits: object[] = [];
  const implementsList = principles.map((principle) => {
    const rule = tool ? ruleOf(principle).replace(/\bthe tool\b/g, `the \`${tool}\` tool`) : ruleOf(principle);
    const stated = RULES.filter((r) => r.test(rule));
    const followed = stated.length > 0 && stated.every((r) => r.test(prompt)) && (stated.includes(PROMPT_RULES.hurry) || !PROMPT_RULES.hurry.test(prompt));
    if (followed) return { principleId: principle.id, lines: stated.map((r) => prompt.split('\n').find((l) => r.test(l))!.trim()) };
    const edit = editFor(prompt, rule);
    edits.push(edit.edit);
    prompt = edit.prompt;
    return { principleId: principle.id, lines: [rule] };
  });
  return { rationale: 'States each principle as a rule of this bot\'s prompt.', edits, implements: implementsList };
}

function editFor(prompt: string, rule: string): { edit: object; prompt: string } {
  // Only the sentence that acts early, so the rest of its line stays.
  const actsEarly = prompt.split('\n').flatMap((l) => l.split(/(?<=[.!?])\s+/)).find((sentence) => ACTS_WHEN_COMPLETE.test(sentence));
  if (actsEarly && PROMPT_RULES.actOnlyAfterYes.test(rule)) return { edit: { op: 'replace', anchor: actsEarly, text: rule }, prompt: prompt.replace(actsEarly, rule) };
  const anchor = '{{/each}}';
  if (prompt.split(anchor).length === 2) return { edit: { op: 'insert_after', anchor, text: rule }, prompt: prompt.replace(anchor, `${anchor}\n${rule}`) };
  return { edit: { op: 'append', text: rule }, prompt: `${prompt}\n${rule}` };
}

/** Answers the health meta-prompt: a principle that says to act as soon as the details are complete contradicts one that says to act only after a yes. */
export function answerHealth(text: string): object {
  const principles = JSON.parse(/^Principles \(JSON\): (.*)$/m.exec(text)?.[1] ?? '[]') as ShownPrinciple[];
  const says = (p: ShownPrinciple, re: RegExp) => re.test(`${p.statement} ${p.howToApply}`);
  const hurried = principles.filter((p) => says(p, PROMPT_RULES.hurry));
  const careful = principles.filter((p) => !hurried.includes(p) && (says(p, PROMPT_RULES.actOnlyAfterYes) || p.failureClasses.includes('premature-action')));
  const contradictions = hurried.flatMap((h) => careful.map((c) => ({ principleIds: [h.id, c.id], explanation: `"${h.title}" acts as soon as the details are complete; "${c.title}" acts only after the user's yes.` })));
  return { contradictions };
}

/**
 * A principle that reads like advice but makes a bot act without approval (test fixture): a
 * transfer check must find it harmful, and the health judge must find it contradicts any
 * principle that acts only after a yes.
 */
export const HARMFUL_PRINCIPLE = {
  title: 'Act as soon as the details are complete',
  statement: 'To keep conversations short, have the bot act as soon as it holds every required value, without reading the values back first.',
  rationale: 'Read-backs and permission questions add turns; a user who gave every detail expects the bot to get on with it.',
  howToApply: 'Add: "Call the tool as soon as you have every detail; a user who gave them does not want to hear them again."',
  antiPattern: 'A read-back after the last answer, and a separate question for permission.',
  category: 'localized' as const,
  failureClasses: ['turn-budget' as const],
};
