import { postJson, startStack, type Stack } from './support/start-stack';

/**
 * An image URL with `user:password@` and a signed query: the fetch fails (fetch refuses URLs with
 * credentials, and the message quotes the URL), and the debug log of that failure must not carry
 * the password or the signature.
 */
describe('image URLs in the debug log', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { LOG_LEVEL: 'debug', REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
  });
  afterAll(() => stack.close());

  it('logs the failed fetch with userinfo and query values redacted', async () => {
    const url = 'http://someone:SYNTH-url-password@127.0.0.1:9/cat.png?sig=SYNTH-url-signature';
    const response = await postJson(stack, '/v1/chat/completions', {
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    const logs = stack.logs();
    expect(logs).toContain('remote media fetch failed');
    expect(logs).toContain('http://***@127.0.0.1:9/cat.png?sig=***');
    for (const text of [logs, body]) {
      expect(text).not.toContain('SYNTH-url-password');
      expect(text).not.toContain('SYNTH-url-signature');
    }
  });
});
