import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { createLogger, SecretRegistry } from './logger';

function capture(level = 'debug') {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const secrets = new SecretRegistry();
  secrets.add('registered-secret-value');
  const logger = createLogger({ level, secrets, stream });
  const lines = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text: () => text };
}

describe('createLogger', () => {
  it('writes one JSON line per entry: timestamp, level and message first, then the fields', () => {
    const { logger, lines, text } = capture();
    logger.info('request', { route: '/v1/chat/completions', status: 200, durationMs: 3.2 });
    logger.warn('second');
    expect(text().split('\n').filter(Boolean)).toHaveLength(2);
    const [first, second] = lines();
    expect(Object.keys(first ?? {})).toEqual([
      'timestamp',
      'level',
      'message',
      'route',
      'status',
      'durationMs',
    ]);
    expect(first).toMatchObject({ level: 'info', message: 'request', status: 200 });
    expect(Date.parse(String(first?.['timestamp']))).not.toBeNaN();
    expect(second).toMatchObject({ level: 'warn', message: 'second' });
  });

  it('redacts secret keys at any depth without touching the caller’s object', () => {
    const { logger, text, lines } = capture();
    const meta = {
      account: 'a1',
      nested: { list: [{ Password: 'hunter2-hunter2' }, { fine: 1 }], kept: 'yes' },
      access_token: 'ya29.abcdefgh',
      note: 'contains registered-secret-value inside',
    };
    logger.info('entry', meta);
    expect(text()).not.toContain('hunter2-hunter2');
    expect(text()).not.toContain('ya29.abcdefgh');
    expect(text()).not.toContain('registered-secret-value');
    expect(lines()[0]).toMatchObject({
      account: 'a1',
      nested: { list: [{ Password: '***' }, { fine: 1 }], kept: 'yes' },
      access_token: '***',
      note: 'contains *** inside',
    });
    expect(meta.nested.list[0]).toEqual({ Password: 'hunter2-hunter2' });
    expect(meta.access_token).toBe('ya29.abcdefgh');
  });

  it('still writes the line when a field is circular or a BigInt', () => {
    const { logger, lines, text } = capture();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular['self'] = circular;
    logger.info('odd fields', { circular, big: 12345678901234567890n });
    const [line] = lines();
    expect(line).toMatchObject({ message: 'odd fields', circular: { name: 'loop' } });
    expect(text()).toContain('"big":12345678901234567890');
  });

  it('logs errors with their message and stack, secrets redacted', () => {
    const { logger, lines } = capture();
    logger.error(new Error('upstream said registered-secret-value'));
    const [line] = lines();
    expect(line).toMatchObject({ level: 'error', message: 'upstream said ***' });
    expect(String(line?.['stack'])).toContain('logger.spec');
    expect(String(line?.['stack'])).not.toContain('registered-secret-value');
  });

  it('writes valid JSON without a message, and its own timestamp over a field of that name', () => {
    const { logger, lines } = capture();
    logger.log({ level: 'warn', message: undefined as unknown as string, timestamp: 'forged' });
    const [line] = lines();
    expect(line).not.toHaveProperty('message');
    expect(line?.['level']).toBe('warn');
    expect(Date.parse(String(line?.['timestamp']))).not.toBeNaN();
  });

  it('drops entries below the configured level', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines().map((line) => line['message'])).toEqual(['shown']);
  });

  it('writes any field as JSON.stringify would, and stamps the current time', () => {
    // Prefixed: never one of the three leading fields or a secret's name, at any depth (secret
    // names are redacted: the test above).
    const fieldName = fc.string({ maxLength: 12 }).map((name) => `f${name}`);
    const value = fc.oneof(
      fc.jsonValue().map(prefixKeys),
      fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 0.1 + 0.2),
      fc.date({ noInvalidDate: true }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.dictionary(fieldName, value, { maxKeys: 6 }), (fields) => {
        const { logger, lines } = capture();
        const before = Date.now();
        logger.info('entry', fields);
        const after = Date.now();
        const [line] = lines();
        const { timestamp, level, message, ...rest } = line ?? {};
        expect(String(timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(String(timestamp))).toBeGreaterThanOrEqual(before);
        expect(Date.parse(String(timestamp))).toBeLessThanOrEqual(after);
        expect([level, message]).toEqual(['info', 'entry']);
        expect(rest).toEqual(JSON.parse(JSON.stringify(fields)));
      }),
      { numRuns: 300 },
    );
  });
});

/** `value` with every object key prefixed by "f", at any depth. */
function prefixKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prefixKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [`f${key}`, prefixKeys(item)]),
  );
}
