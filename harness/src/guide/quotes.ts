/**
 * Quotes a model gives from a prompt are matched ignoring case and runs of whitespace, so a quote
 * that re-flows a line still counts as verbatim; anything else it changed does not.
 */
export function normaliseQuote(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether `quote` occurs in `text` (see `normaliseQuote`); an empty quote never does. */
export function containsQuote(text: string, quote: string): boolean {
  const q = normaliseQuote(quote);
  return q.length > 0 && normaliseQuote(text).includes(q);
}

/** The 1-based line of `text` on which `quote` starts, or undefined when it does not occur. */
export function quoteLine(text: string, quote: string): number | undefined {
  const q = normaliseQuote(quote);
  if (!q) return undefined;
  // The normalised text, with the line each of its characters came from.
  let normalised = '';
  const lineOf: number[] = [];
  let line = 1;
  for (const char of text) {
    if (/\s/.test(char)) {
      if (normalised.length > 0 && !normalised.endsWith(' ')) {
        normalised += ' ';
        lineOf.push(line);
      }
    } else {
      normalised += char.toLowerCase();
      lineOf.push(line);
    }
    if (char === '\n') line += 1;
  }
  const at = normalised.indexOf(q);
  return at === -1 ? undefined : lineOf[at];
}
