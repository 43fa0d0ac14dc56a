import type { LocatedDocument } from '../core/located-parse.js';

/** The environment a bot file's `${VAR}`s are read from; passed in from the CLI edge. */
export type Env = Readonly<Record<string, string | undefined>>;

/** `${NAME}`, or `$${` for a literal `${`. */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `${NAME}` in the strings of `value` (at any depth) with the
 * environment's value. A variable that is unset or empty is an error at its
 * field's line: a bot must not run with a blank token. The values read are
 * returned as secrets, to be redacted from everything written, except a bare
 * origin (`${BOT_URL}` = `http://host:port`), so reports can say where the bot is.
 */
export function resolveEnvVars<T>(value: T, path: readonly PropertyKey[], env: Env, doc: LocatedDocument, secrets: string[]): T {
  if (typeof value === 'string') return substitute(value, path, env, doc, secrets) as T;
  if (Array.isArray(value)) return value.map((item, i) => resolveEnvVars(item, [...path, i], env, doc, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveEnvVars(item, [...path, key], env, doc, secrets)])) as T;
  }
  return value;
}

function substitute(text: string, path: readonly PropertyKey[], env: Env, doc: LocatedDocument, secrets: string[]): string {
  if (!text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, name: string | undefined) => {
    if (name === undefined) return '${';
    const found = env[name];
    if (!found) throw doc.errorAt(path, `environment variable ${name} is ${found === '' ? 'empty' : 'not set'}; export it before running (it is read from the environment, never stored)`);
    if (!isBareOrigin(found) && !secrets.includes(found)) secrets.push(found);
    return found;
  });
}

/** `http://127.0.0.1:8080`: an address, not a credential (one with user-info is a secret like any other value). */
function isBareOrigin(value: string): boolean {
  return /^https?:\/\/[^/?#@\s]+\/?$/i.test(value);
}

/** The value of an environment variable a field names (`apiKeyEnv: MY_KEY`), as a secret. */
export function readEnvVar(name: string, path: readonly PropertyKey[], env: Env, doc: LocatedDocument, secrets: string[]): string {
  const found = env[name];
  if (!found) throw doc.errorAt(path, `environment variable ${name} is ${found === '' ? 'empty' : 'not set'}; export it before running`);
  if (!secrets.includes(found)) secrets.push(found);
  return found;
}
