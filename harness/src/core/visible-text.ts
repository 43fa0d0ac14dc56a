/**
 * Control characters (NUL, escape, …) and bidirectional overrides cannot be
 * seen, yet change what a reader or a terminal shows ("Trojan Source").
 * Reports show them as escapes: `\x00`, `\u202e`. Tabs and line breaks stay.
 */
export function showControlCharacters(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a Markdown table cell or list item: no raw HTML (code hosts render it), no table breaks, nothing invisible. */
export function markdownText(value: unknown): string {
  return showControlCharacters(String(value ?? ''))
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** An inline code span that its content cannot close early (a fence longer than any run of backticks in it). */
export function markdownCode(value: unknown): string {
  const text = showControlCharacters(String(value ?? '')).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const fence = backtickFence(text);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A run of backticks longer than any inside `text` (and at least `minimum`): a code span or block it cannot close early. */
export function backtickFence(text: string, minimum = 1): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(minimum, longest + 1));
}
