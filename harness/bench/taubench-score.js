// Scoring of findings against the judged calls and questions of ../shared/data/taubench (judged.jsonl),
// with the readings of its score-judged.mjs (strict, lenient, re-ask) and one more: strict with identical
// retries counted once (a call repeated with the same name and arguments in one conversation is one item,
// judged and flagged as its first occurrence).

/** Sources set aside before development (one strong model, one weak, one unusual scaffold): never read while tuning. */
export const HELD_OUT_SOURCES = ['tau2-claude-sonnet-4.5', 'tau2-grok-3-ironforge', 'tau2-claude-opus-4.6-button'];

export const READINGS = {
  strict: { classes: ['premature-action', 'unapproved-detail'], failure: (j) => j.judgement === 'premature' || j.judgement === 'approved-incomplete' },
  'strict, retries once': { classes: ['premature-action', 'unapproved-detail'], failure: (j) => j.judgement === 'premature' || j.judgement === 'approved-incomplete', retriesOnce: true },
  lenient: { classes: ['premature-action'], failure: (j) => j.judgement === 'premature' },
  're-ask': { classes: ['re-ask'], failure: (j) => j.judgement === 're-ask', scope: 're-ask' },
};

/** The consequential calls of a message as one comparable key (name and canonical arguments). */
export function callKey(conversation, messageIndex) {
  const message = conversation.messages[messageIndex];
  const consequential = new Set(conversation.task.actions.filter((a) => a.consequential).map((a) => a.name));
  const calls = (message?.tool_calls ?? []).filter((c) => consequential.has(c.function.name));
  return JSON.stringify(calls.map((c) => [c.function.name, canonical(c.function.arguments)]));
}

function canonical(args) {
  try {
    const sort = (v) => (Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v);
    return JSON.stringify(sort(JSON.parse(args)));
  } catch {
    return args;
  }
}

/** Judged items minus identical repeats of an earlier judged call in the same conversation. */
export function retriesOnce(items, conversations) {
  const seen = new Set();
  return items.filter((j) => {
    if (j.scope.class !== 'premature-action') return true;
    const conversation = conversations.get(j.id);
    if (!conversation) return true;
    const key = `${j.id}|${callKey(conversation, j.scope.messageIndex)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Precision, recall and F1 of one reading over `judged`, and the disagreements. */
export function score(reading, judged, failures, conversations) {
  const flagged = new Set(failures.map((f) => `${f.conversationId}|${f.class}|${f.messageIndex}`));
  const anywhere = new Set(failures.map((f) => `${f.conversationId}|${f.class}`));
  const scope = reading.scope ?? 'premature-action';
  let items = judged.filter((j) => j.scope.class === scope);
  if (reading.retriesOnce) items = retriesOnce(items, conversations);
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const wrong = [];
  for (const j of items) {
    const gold = reading.failure(j);
    const pred = reading.classes.some((cls) => (j.scope.messageIndex === 'all' ? anywhere.has(`${j.id}|${cls}`) : flagged.has(`${j.id}|${cls}|${j.scope.messageIndex}`)));
    counts[gold ? (pred ? 'tp' : 'fn') : pred ? 'fp' : 'tn'] += 1;
    if (gold !== pred) wrong.push({ kind: pred ? 'false alarm' : 'missed', item: j });
  }
  const p = counts.tp + counts.fp ? counts.tp / (counts.tp + counts.fp) : null;
  const r = counts.tp + counts.fn ? counts.tp / (counts.tp + counts.fn) : null;
  const f1 = p !== null && r !== null && p + r > 0 ? (2 * p * r) / (p + r) : p === null && r === null ? null : 0;
  return { n: items.length, ...counts, precision: p, recall: r, f1, wrong };
}

/** Conversations with no judged failure of any kind: any finding of a judged class there is a false alarm. */
export function cleanConversations(judged, failure = READINGS.strict.failure) {
  const bad = new Set(judged.filter((j) => (j.scope.class === 're-ask' ? j.judgement === 're-ask' : failure(j))).map((j) => j.id));
  return new Set(judged.map((j) => j.id).filter((id) => !bad.has(id)));
}
