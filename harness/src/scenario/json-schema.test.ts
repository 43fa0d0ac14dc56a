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
});
