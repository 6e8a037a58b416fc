import fc from 'fast-check';
import { assertJsonDepth, JsonTooDeepError } from './json-depth';

/** Reference depth of a parsed value (recursive: only for the small values of this test). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

const exceeds = (text: string | Uint8Array, max: number): boolean => {
  try {
    assertJsonDepth(text, max);
    return false;
  } catch (error) {
    if (error instanceof JsonTooDeepError) return true;
    throw error;
  }
};

describe('assertJsonDepth', () => {
  it('agrees with the parsed depth, on text and on UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 12 }), (value, max) => {
        const text = JSON.stringify(value);
        const expected = depthOf(value) > max;
        expect(exceeds(text, max)).toBe(expected);
        expect(exceeds(Buffer.from(text, 'utf8'), max)).toBe(expected);
      }),
      { numRuns: 2000, seed: 22 },
    );
  });

  it.each([
    ['brackets inside a string', '["[[[[[[[["]', 2, false],
    ['an escaped quote inside a string', '["\\"[[[[[[["]', 2, false],
    ['an escaped backslash before the closing quote', '["\\\\",[[[]]]]', 3, true],
    ['non-ASCII text', '{"é文😀":[["ü"]]}', 3, false],
    ['an unterminated string', '[["[[[[[[', 2, false],
  ])('handles %s', (_label, text, max, expected) => {
    expect(exceeds(text, max)).toBe(expected);
    expect(exceeds(Buffer.from(text, 'utf8'), max)).toBe(expected);
  });

  it('names the limit and the setting, shaped like a body-parser error', () => {
    const error = (() => {
      try {
        assertJsonDepth('[[[[]]]]', 2);
      } catch (caught) {
        return caught as JsonTooDeepError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ status: 400, type: 'entity.too.deep' });
    expect(error?.message).toMatch(/deeper than 2 levels \(REQUEST_MAX_JSON_DEPTH\)/);
  });
});
