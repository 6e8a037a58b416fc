import { Counter, type Registry } from 'prom-client';

/** Per-key counters; key names beyond `maxKeys` distinct ones are counted as `other`. */
export interface KeyMetrics {
  count(keyName: string, usage: { prompt: number; completion: number } | undefined): void;
}

/** Adds `geminicli2api_key_requests_total{key}` and `geminicli2api_key_tokens_total{key,type}`. */
export function createKeyMetrics(registry: Registry, maxKeys = 100): KeyMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'geminicli2api_key_requests_total',
    help: `Model requests by client key name (admin for the password; at most ${maxKeys} names, the rest as other).`,
    labelNames: ['key'] as const,
    registers,
  });
  const tokens = new Counter({
    name: 'geminicli2api_key_tokens_total',
    help: 'Tokens reported by the upstream, by client key name and type (prompt, completion).',
    labelNames: ['key', 'type'] as const,
    registers,
  });
  const seen = new Set<string>();
  return {
    count(keyName, usage) {
      let key = keyName;
      if (!seen.has(key)) {
        if (seen.size >= maxKeys) key = 'other';
        else seen.add(key);
      }
      requests.inc({ key });
      if (usage) {
        tokens.inc({ key, type: 'prompt' }, usage.prompt);
        tokens.inc({ key, type: 'completion' }, usage.completion);
      }
    },
  };
}
