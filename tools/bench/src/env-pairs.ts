import { UsageError } from './command-line';

/**
 * The `--env NAME=value` options of `npm run bench:instructions` as an environment. The value may
 * contain `=` and may be empty; a pair without `=` or without a name is a mistake worth stopping
 * for (a silently ignored setting would make two builds look alike).
 */
export function parseEnvPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--env ${pair}: expected NAME=value`);
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return env;
}
