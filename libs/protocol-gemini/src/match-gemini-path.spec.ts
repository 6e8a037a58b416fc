import { isGeminiApiPath, matchGeminiPath } from './match-gemini-path';

describe('matchGeminiPath', () => {
  it.each([
    ['/v1beta/models', { version: 'v1beta' }],
    ['/v1beta/models/', { version: 'v1beta' }],
    ['/v1beta/models/gemini-2.5-flash', { version: 'v1beta', model: 'gemini-2.5-flash' }],
    [
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      { version: 'v1beta', model: 'gemini-2.5-flash', method: 'streamGenerateContent' },
    ],
    [
      '/v1alpha/models/models/gemini-2.5-pro:countTokens',
      { version: 'v1alpha', model: 'models/gemini-2.5-pro', method: 'countTokens' },
    ],
    [
      '/v1/models/gemini%2D2.5-flash:generateContent',
      { version: 'v1', model: 'gemini%2D2.5-flash', method: 'generateContent' },
    ],
    [
      '/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
      { version: 'v1', model: 'gemini-2.5-flash', method: 'generateContent', vertex: true },
    ],
  ])('%s', (path, expected) => {
    expect(matchGeminiPath(path)).toEqual(expected);
  });

  it.each(['/v1/chat/completions', '/v2/models', '/v1beta/tunedModels/x', '/v1beta/models/a/b'])(
    'is not a Gemini path: %s',
    (path) => {
      expect(matchGeminiPath(path)).toBeUndefined();
    },
  );
});

describe('isGeminiApiPath', () => {
  it.each([
    ['/v1beta/anything', true],
    ['/v1alpha', true],
    ['/v1/models/gemini-2.5-flash:generateContent', true],
    ['/v1/models', false], // OpenAI's model list too
    ['/v1/models/gemini-2.5-flash', false],
    ['/v1/chat/completions', false],
    ['/v1/projects/p/locations/l/publishers/google/models/m:generateContent', false],
  ])('%s → %s', (path, expected) => {
    expect(isGeminiApiPath(path)).toBe(expected);
  });
});
