/** Replaces every occurrence of each secret (and of its first 8+ characters) with "***". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    out = out.split(secret).join('***');
    const prefix = secret.slice(0, Math.min(secret.length, 12));
    if (prefix.length >= 8) out = out.split(prefix).join('***');
  }
  return out;
}
