import { describe, expect, it } from 'vitest';
import type { ChatModel } from '../model/chat-model.js';
import { loadMetaPrompts } from '../refine/meta-prompts.js';
import { applyPrinciples } from './apply.js';
import type { Principle } from './schema.js';

const PRINCIPLE = {
  id: 'act-after-yes', status: 'verified', title: 'Act only after a yes', category: 'structural', failureClasses: ['premature-action'], provenance: [],
  statement: 'Read the details back, then ask, then act.', rationale: 'r', antiPattern: 'a', howToApply: 'h',
} as unknown as Principle;
const PROMPT = 'Collect the details.\nWhen you have every detail, call the tool.\n';

/** A model whose answer quotes the same line twice for one principle (two rules it states). */
const twice: ChatModel = {
  endpoint: 'test',
  complete: async () => ({
    finishReason: 'stop',
    message: { role: 'assistant', content: JSON.stringify({
      rationale: 'r',
      edits: [{ op: 'replace', anchor: 'When you have every detail, call the tool.', text: 'Read the details back, ask whether to go ahead, and call the tool only after a yes.' }],
      implements: [{ principleId: 'act-after-yes', lines: ['Read the details back, ask whether to go ahead, and call the tool only after a yes.', 'Read the details back, ask whether to go ahead, and call the tool only after a yes.'] }],
    }) },
  }),
};

describe('applyPrinciples', () => {
  it('records each line that follows a principle once, however often the model quotes it', async () => {
    const result = await applyPrinciples(
      { guide: { title: 'g' }, principles: [PRINCIPLE], promptSource: PROMPT, validate: () => undefined },
      { model: twice, metaModelName: 'm', prompts: await loadMetaPrompts(), secrets: [] },
    );
    expect(result.ok && result.value.principles[0]!.lines).toEqual([{ line: 2, text: 'Read the details back, ask whether to go ahead, and call the tool only after a yes.' }]);
  });
});
