import { loadTemplate } from '../core/template.js';
import type { Coverage } from './schema.js';
import { coverageView } from './view.js';

/** Coverage tables in Markdown, one section per bot (`templates/coverage.md.hbs`). */
export async function coverageMarkdown(coverage: Coverage): Promise<string> {
  const template = await loadTemplate('coverage.md.hbs', { noEscape: true });
  return template({ bots: coverageView(coverage) });
}
