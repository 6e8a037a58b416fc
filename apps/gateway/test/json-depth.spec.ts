import { gzipSync } from 'node:zlib';
import { postJson, startStack, type Stack } from './support/start-stack';

/** `[[[…]]]` nested `depth` levels (plus one for the enclosing object it goes into). */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** `{"a":{"a":…{}}}` nested `depth` levels. */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;

const chatWith = (junk: string) =>
  `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"metadata":${junk}}`;
const nativeWith = (junk: string) =>
  `{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":${junk}}`;
const messagesWith = (junk: string) =>
  `{"model":"gemini-2.5-flash","max_tokens":64,"messages":[{"role":"user","content":"hi"}],"metadata":${junk}}`;
const responsesWith = (junk: string) =>
  `{"model":"gemini-2.5-flash","input":"hi","store":false,"metadata":${junk}}`;
const embeddingsWith = (junk: string) =>
  `{"model":"text-embedding-004","input":"hi","metadata":${junk}}`;

/**
 * A 20 KB body nesting about 3 500 levels overflowed the stack in key rewriting and stringify
 * (500). Nesting past REQUEST_MAX_JSON_DEPTH is refused with 400 in the surface's own shape,
 * before any recursive work, on both body paths (hot routes and express), on every surface that
 * takes a JSON body. (The embeddings routes answer 501 on this Code Assist stack: not a crash.)
 */
describe('deeply nested JSON bodies', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { REQUEST_MAX_JSON_DEPTH: '512', SSE_KEEPALIVE_INTERVAL_MS: '0' },
    });
  });
  afterAll(() => stack.close());

  const surfaces = [
    ['/v1/chat/completions', chatWith],
    ['/v1/messages', messagesWith],
    ['/v1/messages/count_tokens', messagesWith],
    ['/v1/responses', responsesWith],
    ['/v1/responses/input_tokens', responsesWith],
    ['/v1/embeddings', embeddingsWith],
    ['/v1beta/models/gemini-2.5-flash:generateContent', nativeWith],
    ['/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', nativeWith],
    ['/v1beta/models/gemini-2.5-flash:countTokens', nativeWith],
    ['/v1beta/models/text-embedding-004:embedContent', nativeWith],
  ] as const;

  describe.each(surfaces)('%s', (path, wrap) => {
    const openai = path.startsWith('/v1/');
    const expectDepthError = async (response: Response) => {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { type?: string; error: Record<string, unknown> };
      if (path.startsWith('/v1/messages')) expect(body.type).toBe('error'); // Anthropic's shape
      expect(String(body.error['message'])).toMatch(
        /deeper than 512 levels.*REQUEST_MAX_JSON_DEPTH/,
      );
      if (openai) expect(body.error['type']).toBe('invalid_request_error');
      else expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    };

    it.each([
      ['arrays', nested(3500)],
      ['objects', nestedObject(3500)],
    ])('refuses 3 500 levels of %s with 400 (hot path)', async (_kind, junk) => {
      await expectDepthError(await postJson(stack, path, wrap(junk)));
    });

    it('refuses them on the express path too (a gzip body)', async () => {
      const response = await postJson(stack, path, gzipSync(wrap(nestedObject(3500))), {
        'content-encoding': 'gzip',
      });
      await expectDepthError(response);
    });

    it('handles nesting just under the limit without failing', async () => {
      for (const junk of [nested(500), nestedObject(500)]) {
        const response = await postJson(stack, path, wrap(junk));
        expect(response.status).not.toBe(500);
        expect(await response.text()).not.toMatch(/REQUEST_MAX_JSON_DEPTH/);
      }
    });

    it('does not count brackets inside strings', async () => {
      const text = `"${'['.repeat(3000)}\\"{{{"`;
      const response = await postJson(stack, path, wrap(`{"note":${text}}`));
      expect(response.status).not.toBe(500);
      const body = await response.text();
      expect(body).not.toMatch(/REQUEST_MAX_JSON_DEPTH/);
    });
  });
});
