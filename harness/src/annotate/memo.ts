/**
 * The result a memo of a pure function holds for `key`, computed and added
 * when missing; at `limit` entries the oldest makes room. The tagger's rules
 * read the same message, description or pattern again and again. Callers do
 * not modify the result.
 */
export function recall<V>(memo: Map<string, V>, limit: number, key: string, compute: (key: string) => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= limit) memo.delete(memo.keys().next().value!);
    memo.set(key, (value = compute(key)));
  }
  return value;
}
