import { unknownRouteMessage } from './unknown-route';

describe('unknownRouteMessage', () => {
  it.each([
    ['POST', '/chat/completions', '/v1/chat/completions'],
    ['POST', '/chat/completions/', '/v1/chat/completions'],
    ['POST', '/responses', '/v1/responses'],
    ['GET', '/responses/resp_1', '/v1/responses/resp_1'],
    ['GET', '/models', '/v1/models'],
    ['GET', '/models/gemini-2.5-flash', '/v1/models/gemini-2.5-flash'],
  ])('tells a client without /v1 in its base URL: %s %s', (method, path, meant) => {
    expect(unknownRouteMessage(method, path)).toBe(
      `Unknown route ${method} ${path}. Did you mean ${meant}? Set the client's base URL to end in /v1.`,
    );
  });

  it.each([
    ['POST', '/v1/embeddings'],
    ['POST', '/v1/audio/speech'],
    ['GET', '/chat'],
    ['GET', '/modelsx'],
  ])('lists what is served for %s %s', (method, path) => {
    const message = unknownRouteMessage(method, path);
    expect(message).toMatch(new RegExp(`^Unknown route ${method} ${path}\\. This gateway serves`));
    expect(message).not.toContain('Did you mean');
    expect(message).toContain('POST /v1/responses');
    expect(message).toContain('POST /v1/messages');
  });

  it.each([
    ['POST', '/v1/v1/messages', '/v1/messages'],
    ['POST', '/v1/v1/messages/count_tokens', '/v1/messages/count_tokens'],
  ])('tells an Anthropic client whose base URL ends in /v1: %s %s', (method, path, meant) => {
    expect(unknownRouteMessage(method, path)).toBe(
      `Unknown route ${method} ${path}. Did you mean ${meant}? Anthropic clients (Claude Code's ANTHROPIC_BASE_URL) take the gateway's URL without /v1.`,
    );
  });

  it('names the Anthropic surface for a GET of /v1/messages', () => {
    expect(unknownRouteMessage('GET', '/v1/messages')).toContain(
      'POST /v1/messages and /v1/messages/count_tokens (Anthropic)',
    );
  });
});
