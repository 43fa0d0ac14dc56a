import type { FakeChatRequest, FakeReply, Responder } from './fake-openai-server.js';
import { PROMPT_RULES } from './prompt-following-bot.js';
import { answerApply, answerHealth } from './scripted-guide-model.js';

/**
 * A restaurant prompt with the two classic weaknesses: a script of questions
 * (the prompt-following bot re-asks) and "when you have every detail, book"
 * (it acts without approval).
 */
export const WEAK_PROMPT = `You are the booking assistant of {{vars.restaurant}}. Today is {{today}}.

Your job: {{task.description}}. Ask the user for these details, one at a time, in this order:
{{#each task.slots}}
- {{name}}: {{description}}
{{/each}}

When you have every detail, call the \`book_table\` tool.
`;

/** Patches that fix WEAK_PROMPT for the prompt-following bot. */
export const GOOD_FIXES = {
  're-ask': {
    rationale: 'The prompt reads as a script of questions; a rule to skip details the user already gave stops the bot asking for them again.',
    edits: [{ op: 'insert_after', anchor: '{{/each}}', text: 'Ask only for details that are still missing. Never ask again for a detail the user already gave, including details in their first message, unless they change it.' }],
  },
  'premature-action': {
    rationale: 'The prompt tells the bot to book as soon as it has the details; confirming them and asking for permission must come first.',
    edits: [{ op: 'replace', anchor: 'When you have every detail, call the `book_table` tool.', text: 'When you have every detail, repeat them back in one message and ask whether they are correct. Confirming the details is not permission to book: then ask "Shall I go ahead and book it?" and call the `book_table` tool only after the user says yes.' }],
  },
};

/** What a model would generalise from GOOD_FIXES. */
export const GOOD_PRINCIPLES = {
  're-ask': {
    title: 'Track slots, not a script of questions',
    statement: 'Describe the details the bot needs as slots it fills from anything the user says, and let it ask only for the slots that are still empty.',
    rationale: 'A numbered list of questions is followed as a script, so details the user volunteered early are asked for again.',
    howToApply: 'List the slots once and add: "Ask only for what is still missing; never ask again for a detail the user gave unless they change it."',
    antiPattern: '"Ask the user for these details, one at a time, in this order".',
    category: 'structural',
  },
  'premature-action': {
    title: 'Separate confirming the values from permission to act',
    statement: 'Before a consequential action, read the values back for confirmation, then ask for permission, and act only after an explicit yes.',
    rationale: 'A bot that has every value treats that as licence to act; confirmation and authorisation answer different questions.',
    howToApply:
      'Give confirmation and permission their own steps, and name the tool: "When you have every detail, repeat them back and ask the user to confirm them; confirming is not permission, so then ask whether to go ahead, and call the tool only after the user says yes."',
    antiPattern: '"When you have every detail, call the tool."',
    category: 'structural',
  },
};

type Answer = string | object;

export interface ScriptedRefinerOptions {
  /** Answers to fix proposals, per failure class, in order (the last repeats); a string is sent as is, to test invalid JSON. */
  fixes?: Record<string, Answer[]>;
  /** Answers to principle extraction, per failure class, in order (the last repeats). */
  principles?: Record<string, Answer[]>;
  /** The same/refines/new verdict; by default `same` when the titles match, else `new`. */
  judge?: (candidate: { title: string }, existing: Array<{ id: string; title: string }>) => Answer;
  /** Answers to guide-apply meta-prompts, in order (the last repeats); by default the rules of `answerApply`. */
  applies?: Answer[];
}

/** A fake meta-prompt model: it reads which meta-prompt it got from its heading and answers from a script (fix, principle, judge, guide check, guide apply, guide health). */
export function createScriptedRefiner(options: ScriptedRefinerOptions = {}): Responder {
  const served = new Map<string, number>();
  const next = (queue: string, answers: Answer[]): Answer => {
    const n = served.get(queue) ?? 0;
    served.set(queue, n + 1);
    return answers[Math.min(n, answers.length - 1)]!;
  };
  return (request) => {
    const text = lastUserText(request);
    const cls = /^Failure class: `([a-z-]+)`/m.exec(text)?.[1] ?? '';
    if (text.startsWith('# Task: propose a prompt patch')) return reply(next(`fix:${cls}`, options.fixes?.[cls] ?? [GOOD_FIXES[cls as keyof typeof GOOD_FIXES] ?? 'no scripted fix']));
    if (text.startsWith('# Task: generalise')) return reply(next(`principle:${cls}`, options.principles?.[cls] ?? [GOOD_PRINCIPLES[cls as keyof typeof GOOD_PRINCIPLES] ?? 'no scripted principle']));
    if (text.startsWith('# Task: compare')) return reply(judge(text, options.judge));
    if (text.startsWith('# Task: check a bot prompt')) return reply(checkPrompt(text));
    if (text.startsWith('# Task: revise a bot prompt')) return reply(options.applies ? next('apply', options.applies) : answerApply(text));
    if (text.startsWith('# Task: find principles of a guide that contradict')) return reply(answerHealth(text));
    return { status: 400, body: { error: { message: 'the scripted refiner does not know this meta-prompt' } } };
  };
}

function lastUserText(request: FakeChatRequest): string {
  return [...request.messages].reverse().find((m) => m.role === 'user' && m.content?.startsWith('# Task:'))?.content ?? '';
}

function reply(answer: Answer): FakeReply {
  return { message: { role: 'assistant', content: typeof answer === 'string' ? answer : JSON.stringify(answer) } };
}

function judge(text: string, custom: ScriptedRefinerOptions['judge']): Answer {
  const candidate = JSON.parse(/^New principle \(JSON\): (.*)$/m.exec(text)?.[1] ?? '{}') as { title: string };
  const existing = JSON.parse(/^Existing principles \(JSON\): (.*)$/m.exec(text)?.[1] ?? '[]') as Array<{ id: string; title: string }>;
  if (custom) return custom(candidate, existing);
  const same = existing.find((p) => p.title.toLowerCase() === candidate.title.toLowerCase());
  return same ? { verdict: 'same', principleId: same.id, reason: 'same title and rule' } : { verdict: 'new', reason: 'no existing principle covers it' };
}

/** Follows or silent, by the same rules the prompt-following bot obeys, quoting the line that states the rule. */
function checkPrompt(text: string): Answer {
  const principles = JSON.parse(/^Principles \(JSON\): (.*)$/m.exec(text)?.[1] ?? '[]') as Array<{ id: string; failureClasses: string[] }>;
  const prompt = /<prompt>\n([\s\S]*)\n<\/prompt>/.exec(text)?.[1] ?? '';
  const lineWith = (re: RegExp) => prompt.split('\n').find((line) => re.test(line));
  const results = principles.map((p) => {
    const rule = p.failureClasses.includes('re-ask') ? PROMPT_RULES.noReAsk : p.failureClasses.includes('premature-action') ? PROMPT_RULES.actOnlyAfterYes : undefined;
    const hurry = p.failureClasses.includes('premature-action') ? lineWith(PROMPT_RULES.hurry) : undefined;
    if (hurry) return { principleId: p.id, verdict: 'violates', quote: hurry.trim(), explanation: 'acts as soon as it has the details' };
    const line = rule ? lineWith(rule) : undefined;
    return line ? { principleId: p.id, verdict: 'follows', quote: line.trim(), explanation: 'states the rule' } : { principleId: p.id, verdict: 'silent', quote: '', explanation: 'not addressed' };
  });
  return { results };
}
