/** One line of a diff: kept (' '), removed ('-') or added ('+'), with its line numbers (1-based). */
interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** Line number in the old text (kept and removed lines). */
  a?: number;
  /** Line number in the new text (kept and added lines). */
  b?: number;
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The line-by-line edit script, from a longest common subsequence (prompts are short: O(n·m) is fine). */
function editScript(a: readonly string[], b: readonly string[]): DiffLine[] {
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const script: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) script.push({ op: ' ', text: a[i]!, a: ++i, b: ++j });
    // Removals before additions, as diff prints a replaced line.
    else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) script.push({ op: '-', text: a[i]!, a: ++i });
    else script.push({ op: '+', text: b[j]!, b: ++j });
  }
  return script;
}

/**
 * A unified diff (`diff -u` style, `context` lines around each change) of two texts, with the
 * given file names in its header; empty when the texts are the same.
 */
export function unifiedDiff(before: string, after: string, names: { from: string; to: string }, context = 3): string {
  const script = editScript(linesOf(before), linesOf(after));
  const changed = script.flatMap((line, index) => (line.op === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(script.length, index + context + 1);
    const last = hunks.at(-1);
    if (last && start <= last[1]) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  for (const [start, end] of hunks) out.push(hunkHeader(script, start, end), ...script.slice(start, end).map((l) => `${l.op}${l.text}`));
  return `${out.join('\n')}\n`;
}

function hunkHeader(script: readonly DiffLine[], start: number, end: number): string {
  const lines = script.slice(start, end);
  const old = lines.filter((l) => l.op !== '+');
  const neu = lines.filter((l) => l.op !== '-');
  // Where a side has no line in the hunk, it starts after the last line before it (diff's convention).
  const before = (side: 'a' | 'b') => script.slice(0, start).reduce((n, l) => (l[side] ?? n), 0);
  const range = (side: 'a' | 'b', count: number, first: number | undefined) => `${count === 0 ? before(side) : first},${count}`;
  return `@@ -${range('a', old.length, old[0]?.a)} +${range('b', neu.length, neu[0]?.b)} @@`;
}
