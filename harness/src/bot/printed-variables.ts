import { SlotcheckError } from '../core/errors.js';

/**
 * Handlebars prints an object as "[object Object]" without complaint, so a
 * nested `variables` entry printed whole would reach the bot as that text.
 * Each `{{vars.x.y}}` the template prints must name a string, number or
 * boolean (a nested entry is fine when the template prints its fields).
 */
export function checkPrintedVariables(source: string, variables: Record<string, unknown>, file: string, rendered: string): void {
  for (const match of source.matchAll(/\{\{\{?~?\s*vars\.([A-Za-z0-9_.]+)\s*~?\}?\}\}/g)) {
    const path = match[1]!;
    const value = path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), variables);
    // A list of plain values prints as "a,b": readable, if not pretty ({{join}} does better).
    if (value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))) continue;
    const line = source.slice(0, match.index).split('\n').length;
    throw new SlotcheckError('TEMPLATE_INVALID', `${file}:${line}: {{vars.${path}}} prints ${Array.isArray(value) ? 'a list of objects' : 'an object'} (variables.${path} in bot.yaml is nested), which would reach the bot as "[object Object]"; print its fields ({{vars.${path}.<field>}}, or {{#each}}) or make it a string`, { location: { file, line } });
  }
  if (rendered.includes('[object Object]') && !source.includes('[object Object]')) {
    throw new SlotcheckError('TEMPLATE_INVALID', `${file}:1: the rendered prompt contains "[object Object]": the template prints a nested value of bot.yaml's variables whole; print its fields instead`, { location: { file, line: 1 } });
  }
}
