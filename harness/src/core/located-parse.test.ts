import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { repeatedKeyAt, parseLocatedDocument } from './located-parse.js';

const Schema = z.strictObject({ id: z.string(), user: z.strictObject({ goal: z.record(z.string(), z.number()) }) });

describe('parseLocatedDocument', () => {
  it('reads JSON and names the line of a bad field', () => {
    const text = '{\n  "id": "a",\n  "user": {\n    "goal": { "size": "two" }\n  }\n}\n';
    const doc = parseLocatedDocument(text, 'a.json', 'SCENARIO_INVALID');
    expect(doc.value).toEqual({ id: 'a', user: { goal: { size: 'two' } } });
    expect(() => doc.check(Schema)).toThrow(/^a\.json:4: field "user\.goal\.size": /);
  });

  it('refuses a JSON key given twice, at its line, like YAML', () => {
    const text = '{\n  "id": "a",\n  "user": { "goal": {} },\n  "id": "b"\n}\n';
    expect(() => parseLocatedDocument(text, 'a.json', 'SCENARIO_INVALID')).toThrow(/^a\.json:4: key "id" is given twice/);
  });

  it('names the line of a JSON syntax error', () => {
    expect(() => parseLocatedDocument('{\n  "id": "a",\n  "user": {},,\n}\n', 'a.json', 'SCENARIO_INVALID')).toThrow(/^a\.json:3: not valid JSON/);
  });

  it('locates fields of YAML', () => {
    const doc = parseLocatedDocument('id: a\nuser:\n  goal:\n    size: two\n', 'a.yaml', 'SCENARIO_INVALID');
    expect(doc.locate(['user', 'goal', 'size']).line).toBe(4);
  });
});

describe('repeatedKeyAt', () => {
  it.each([
    ['{"a": 1, "b": {"a": 2}}', false],
    ['[{"a": 1}, {"a": 2}]', false],
    ['{"a": "x\\": {\\"a\\": 1", "b": "{"}', false],
    ['{"a": 1, "b": 2, "a": 3}', true],
    ['{"o": {"k": [1, {"k": 2}], "j": 3}}', false],
    ['{"o": {"k": 1, "k": 2}}', true],
    ['{"\\u0061": 1, "a": 2}', true],
  ])('%s → %s', (text, repeated) => {
    expect(repeatedKeyAt(text) !== undefined).toBe(repeated);
  });
});
