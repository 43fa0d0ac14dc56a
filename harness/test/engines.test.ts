import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

type Version = [number, number, number];

const parse = (text: string): Version => {
  const [a = 0, b = 0, c = 0] = text.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [a, b, c];
};
const compare = (x: Version, y: Version) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** Whether `version` satisfies an npm `engines` range (the forms packages use: >=, >, <, <=, ^, ~, exact, ||). */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) =>
    alternative.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter(Boolean).every((comparator) => {
      const [, op = '', rest = ''] = /^([<>=^~]*)(.*)$/.exec(comparator)!;
      const r = parse(rest);
      if (op === '^') return compare(v, r) >= 0 && v[0] === r[0];
      if (op === '~') return compare(v, r) >= 0 && v[0] === r[0] && v[1] === r[1];
      const c = compare(v, r);
      return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : rest.split('.').length < 3 ? v[0] === r[0] : c === 0;
    }),
  );
}

interface LockedPackage { engines?: { node?: string }; dev?: boolean; optional?: boolean; hasInstallScript?: boolean }

describe('the Node versions we say we support are the ones our dependencies support', () => {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const floor = /\d+(\.\d+)*/.exec((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node)![0];
  const installed = Object.entries(lock.packages).filter(([path, p]) => path && !p.optional && p.engines?.node);

  it('reads ranges as npm does', () => {
    expect(satisfies('20.20.2', '>=22.0.0')).toBe(false);
    expect(satisfies('20.20.2', '^22.12.0 || ^24.0.0 || >=26.0.0')).toBe(false);
    expect(satisfies('20.20.2', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.0.0', '>= 14.6')).toBe(true);
  });

  it(`every runtime dependency runs on the floor of package.json's engines (Node ${floor})`, () => {
    const refusing = installed.filter(([, p]) => !p.dev && !satisfies(floor, p.engines!.node!)).map(([path, p]) => `${path} ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it(`every package npm ci installs accepts the Node running the tests (${process.version}): no EBADENGINE warning`, () => {
    const refusing = installed.filter(([, p]) => !satisfies(process.version, p.engines!.node!)).map(([path, p]) => `${path} ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('every dependency with an install script is reviewed in allowScripts: npm 11 warns on each install otherwise, and npm 12 skips the script', () => {
    const allowed = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const scripted = Object.entries(lock.packages).filter(([path, p]) => path && p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(scripted.filter((name) => allowed[name] === undefined)).toEqual([]);
  });
});
