const PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [REDACTED]'],
  [/\bya29\.[A-Za-z0-9._-]+/g, '[REDACTED]'],
  [/\b1\/\/[A-Za-z0-9._-]{10,}/g, '[REDACTED]'],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, '[REDACTED]'],
  [/\bGOCSPX-[A-Za-z0-9_-]+/g, '[REDACTED]'],
  [
    /((?<![A-Za-z0-9])"?(?:refresh_token|access_token|id_token|client_secret|token|password|api_?key|authorization|x-goog-api-key)"?\s*[:=]\s*(?:(?:Bearer|Basic)\s+)?)("[^"]*"|'[^']*'|[^\s,&}]+)/gi,
    '$1[REDACTED]',
  ],
  [/([?&]key=)[^&\s"]+/gi, '$1[REDACTED]'],
];

/**
 * Removes secrets from text: every known secret value, then anything shaped like a token, an
 * API key or a `password=`/`"refresh_token":` assignment.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** {@link redact} applied to every string inside a JSON value (keys and structure kept). */
export function redactDeep<T>(value: T, secrets: readonly (string | undefined)[] = []): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)]),
    ) as T;
  }
  return value;
}
