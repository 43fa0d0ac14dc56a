/** Enough for the distinct messages of a large run; past it a memo starts again rather than grow. */
const MEMO_LIMIT = 20_000;

/** Stores a tagging in a memo of the tagger, emptying the memo first when it is full. */
export function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}
