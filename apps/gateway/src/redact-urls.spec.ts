import { PassThrough } from 'node:stream';
import { createLogger, SecretRegistry } from './logger';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const logger = createLogger({ level: 'debug', secrets: new SecretRegistry(), stream });
  return { logger, text: () => text };
}

describe('URLs in log lines', () => {
  it.each([
    [
      'userinfo and query in a message',
      'Request cannot be constructed from a URL that includes credentials: http://user:pw-SECRET@img.example/a.png?sig=SIG-SECRET&x=1',
      'http://***@img.example/a.png?sig=***&x=***',
    ],
    [
      'a user alone',
      'see https://tok-SECRET@host.example:8443/p',
      'https://***@host.example:8443/p',
    ],
    [
      'a query alone',
      'GET https://storage.example/o?X-Amz-Signature=SIG-SECRET',
      'https://storage.example/o?X-Amz-Signature=***',
    ],
    ['an IPv6 host', 'http://u:p-SECRET@[::1]:9/x?k=SECRET', 'http://***@[::1]:9/x?k=***'],
  ])('redacts %s', (_label, message, expected) => {
    const { logger, text } = capture();
    logger.debug('remote media fetch failed', { error: { message } });
    expect(text()).not.toMatch(/SECRET/);
    expect(text()).toContain(expected);
  });

  it('leaves URLs without userinfo or query, and paths with @ or ?-less text, as they are', () => {
    const { logger, text } = capture();
    logger.info('request', {
      route: '/v1beta/models/gemini-2.5-flash:generateContent',
      upstream: 'https://cloudcode-pa.googleapis.com/v1internal:generateContent',
      note: 'mail me at someone@example.com?',
    });
    expect(text()).toContain(
      '"upstream":"https://cloudcode-pa.googleapis.com/v1internal:generateContent"',
    );
    expect(text()).toContain('"note":"mail me at someone@example.com?"');
  });
});
