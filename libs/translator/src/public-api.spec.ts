import * as internal from './internal';
import * as publicApi from './index';

// docs/library.md, "What `.` exports": the convert / create entry points, the values their
// options take, the errors; everything else is `./internal`.
const ENTRY_POINT = /^(convert|create)[A-Z]/;
const ERRORS = /^(map\w+Error|\w+Error)$/;
const OPTION_VALUES = [
  'LruSignatureCache',
  'collectRemoteMediaUrls',
  'collectAnthropicMediaUrls',
  'collectResponsesMediaUrls',
];

describe('the public API of @geminicli2api/translator', () => {
  it('exports only entry points, option values and errors from `.`', () => {
    const stray = Object.keys(publicApi).filter(
      (name) => !ENTRY_POINT.test(name) && !ERRORS.test(name) && !OPTION_VALUES.includes(name),
    );
    expect(stray).toEqual([]);
  });

  it('has the forward and the reverse conversions as entry points', () => {
    expect(Object.keys(publicApi)).toEqual(
      expect.arrayContaining([
        'convertChatRequestToGemini',
        'convertGeminiResponseToChatCompletion',
        'createChatCompletionChunkTranslator',
        'convertGeminiRequestToOpenAI',
        'convertChatCompletionToGemini',
        'createGeminiEventTranslator',
        'TranslationError',
      ]),
    );
  });

  it('never exports a name from both `.` and `./internal`', () => {
    const both = Object.keys(internal).filter((name) => name in publicApi);
    expect(both).toEqual([]);
  });
});
