import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.js';

const SCHEMAS = join(import.meta.dirname, '../../schemas');

describe('exported JSON Schemas', () => {
  it('the committed files match the zod schemas (run `npx slotcheck schema` after changing them)', async () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed: unknown = JSON.parse(await readFile(join(SCHEMAS, name), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });

  it('the scenario schema describes the user and expectations for editors', () => {
    const scenario = jsonSchemas()['scenario.schema.json'] as { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] };
    expect(scenario.required).toEqual(expect.arrayContaining(['bot', 'user']));
    expect(Object.keys(scenario.properties.user!.properties!)).toEqual(expect.arrayContaining(['goal', 'volunteer', 'corrections', 'confirmation', 'goAhead', 'script']));
    expect(Object.keys(scenario.properties.expect!.properties!)).toEqual(expect.arrayContaining(['action', 'confirmation', 'goAhead', 'noReAsk', 'maxTurns']));
  });

  it('every field of the scenario, bot and task files has a description, for help on hover', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [key, child] of Object.entries(properties)) {
        if (key !== '$schema' && !(child as { description?: string }).description) undescribed.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      for (const key of ['items', 'additionalProperties']) visit((node as Record<string, unknown>)[key], `${path}[]`);
      for (const option of (node as { anyOf?: unknown[] }).anyOf ?? []) visit(option, path);
    };
    const schemas = jsonSchemas();
    for (const name of ['scenario.schema.json', 'bot.schema.json', 'task.schema.json', 'matrix.schema.json', 'prices.schema.json']) visit(schemas[name], name);
    expect(undescribed).toEqual([]);
  });
});
