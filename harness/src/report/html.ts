import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { harnessFile } from '../core/assets.js';
import { writeFileAtomic } from '../core/files.js';
import { compileTemplate } from '../core/template.js';
import { showControlCharacters } from '../core/visible-text.js';
import { buildHtmlModel, type HtmlModel } from './html-model.js';
import type { ReportContext, Reporter } from './reporter.js';

const TEMPLATES = harnessFile('templates');

/** The page's own CSS and script, inlined so report.html opens from disk with no network. */
export interface HtmlAssets {
  template: string;
  css: string;
  script: string;
}

export async function loadHtmlAssets(): Promise<HtmlAssets> {
  const read = (name: string) => readFile(join(TEMPLATES, name), 'utf8');
  const [template, css, script] = await Promise.all([read('report.html.hbs'), read('report-html/style.css'), read('report-html/script.js')]);
  return { template, css, script };
}

/**
 * Renders report.html. Handlebars escaping stays on for everything from the
 * run (transcripts, ids, evidence), in text and in attributes; only our own
 * CSS and script are inserted raw. The Content-Security-Policy allows exactly
 * those two by hash, so even markup that slipped through could not run, and
 * the page can load nothing from the network.
 */
export function renderHtmlReport(model: HtmlModel, assets: HtmlAssets): string {
  const template = compileTemplate(assets.template, join(TEMPLATES, 'report.html.hbs'), { noEscape: false });
  const csp = `default-src 'none'; style-src '${sha256(assets.css)}'; script-src '${sha256(assets.script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  // Handlebars escapes markup but not NUL or other invisible characters from transcripts: show them.
  return showControlCharacters(template({ ...model, css: assets.css, script: assets.script, csp }));
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

export const htmlReporter: Reporter = {
  id: 'html',
  file: 'report.html',
  async write(context: ReportContext) {
    const [model, assets] = await Promise.all([buildHtmlModel(context), loadHtmlAssets()]);
    await writeFileAtomic(join(context.outDir, 'report.html'), renderHtmlReport(model, assets));
  },
};
