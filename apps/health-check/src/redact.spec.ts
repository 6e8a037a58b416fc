import { redact, redactDeep } from './redact';

describe('redact', () => {
  it.each([
    ['a Bearer header', 'authorization: Bearer abc.def-123', 'authorization: Bearer [REDACTED]'],
    ['an OAuth access token', 'token ya29.a0AfH6SMB-xyz refreshed', 'token [REDACTED] refreshed'],
    ['a Google refresh token', 'rt=1//0gAbCdEfGhIjKlMn', 'rt=[REDACTED]'],
    ['an API key', 'using AIzaSyA1234567890abcdefghijklmnopqrstu', 'using [REDACTED]'],
    [
      'a JSON secret field',
      '{"client_secret":"GOCSPX-abc","ok":1}',
      '{"client_secret":[REDACTED],"ok":1}',
    ],
    [
      'a ?key= query parameter',
      'GET /v1/models?key=pw123&x=1',
      'GET /v1/models?key=[REDACTED]&x=1',
    ],
    ['a password assignment', 'password=letmein now', 'password=[REDACTED] now'],
    ['harmless text', 'gateway listening on 8888', 'gateway listening on 8888'],
  ])('removes %s', (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('removes every known secret value wherever it appears', () => {
    expect(
      redact('user said my-own-password-1 twice: my-own-password-1', ['my-own-password-1']),
    ).toBe('user said [REDACTED] twice: [REDACTED]');
  });

  it('redactDeep keeps keys and non-string values', () => {
    expect(redactDeep({ 'x-goog-api-key': 200, lines: ['Bearer s3cret'], n: null }, [])).toEqual({
      'x-goog-api-key': 200,
      lines: ['Bearer [REDACTED]'],
      n: null,
    });
  });
});
