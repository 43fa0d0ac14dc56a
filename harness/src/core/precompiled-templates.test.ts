import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { precompiledSpec, templateKey } from './precompiled-templates.js';

describe('templates compiled at build time', () => {
  const source = 'Hello {{name}} & {{{raw}}}';
  const table = () => ({ [templateKey(source, false)]: String(Handlebars.precompile(source, { strict: true, noEscape: false })) });

  it('renders what compiling at run time renders, strict about missing fields too', () => {
    const spec = precompiledSpec(source, false, table)!;
    const precompiled = Handlebars.create().template(spec as Parameters<typeof Handlebars.template>[0]);
    const compiled = Handlebars.create().compile(source, { strict: true });
    expect(precompiled({ name: '<b>', raw: '<i>' })).toBe(compiled({ name: '<b>', raw: '<i>' }));
    expect(() => precompiled({ raw: 'x' })).toThrow(/"name" not defined/);
  });

  it('serves nothing for an edited template or another escaping: those are compiled afresh', () => {
    expect(precompiledSpec(`${source}!`, false, table)).toBeUndefined();
    expect(precompiledSpec(source, true, table)).toBeUndefined();
  });
});
