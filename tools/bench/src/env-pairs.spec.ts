import { parseEnvPairs } from './env-pairs';

describe('parseEnvPairs', () => {
  it('turns NAME=value pairs into an environment, keeping = and empty values', () => {
    expect(
      parseEnvPairs(['LOG_LEVEL=warn', 'NODE_OPTIONS=--max-semi-space-size=32', 'EMPTY=']),
    ).toEqual({
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '--max-semi-space-size=32',
      EMPTY: '',
    });
  });

  it.each(['METRICS_ENABLED', '=false', ''])(
    'rejects %p, which names no variable or no value',
    (pair) => {
      expect(() => parseEnvPairs([pair])).toThrow(`--env ${pair}: expected NAME=value`);
    },
  );
});
