import type { JsonObject } from './json-object';
import { createThoughtSignature } from './thought-signature';
import {
  BYPASS_THOUGHT_SIGNATURES,
  validateThoughtSignatures,
} from './validate-thought-signatures';

/** A signature the emulator issued. */
const SIGNED = createThoughtSignature('gemini-3-pro-preview');

const user = (text: string): JsonObject => ({ role: 'user', parts: [{ text }] });
const results = (...names: string[]): JsonObject => ({
  role: 'user',
  parts: names.map((name) => ({ functionResponse: { name, response: {} } })),
});
const calls = (signature: string | undefined, ...names: string[]): JsonObject => ({
  role: 'model',
  parts: names.map((name, index) => ({
    functionCall: { name, args: {} },
    ...(index === 0 && signature !== undefined ? { thoughtSignature: signature } : {}),
  })),
});

describe('validateThoughtSignatures', () => {
  it.each<[string, string, JsonObject[]]>([
    [
      'Gemini 2.5 ignores missing signatures',
      'gemini-2.5-pro',
      [user('q'), calls(undefined, 'a'), results('a')],
    ],
    [
      'a signed first call of parallel calls',
      'gemini-3-pro-preview',
      [user('q'), calls(SIGNED, 'a', 'b'), results('a', 'b')],
    ],
    [
      'unsigned calls of an earlier turn',
      'gemini-3-flash-preview',
      [
        user('q1'),
        calls(undefined, 'a'),
        results('a'),
        { role: 'model', parts: [{ text: 'done' }] },
        user('q2'),
      ],
    ],
    ...BYPASS_THOUGHT_SIGNATURES.map((value): [string, string, JsonObject[]] => [
      `the bypass value ${value}`,
      'gemini-3.1-pro-preview',
      [user('q'), calls(value, 'a'), results('a')],
    ]),
    [
      'a model text turn without calls',
      'gemini-3-pro-preview',
      [user('q'), { role: 'model', parts: [{ text: 'hi' }] }, user('again')],
    ],
  ])('accepts %s', (_name, model, contents) => {
    expect(validateThoughtSignatures(contents, model)).toBeUndefined();
  });

  it.each<[string, string, JsonObject[], string]>([
    [
      'an unsigned call in the current turn',
      'gemini-3-pro-preview',
      [user('q'), calls(undefined, 'list_directory'), results('list_directory')],
      'function call `list_directory` in the 2. content block',
    ],
    [
      'an empty signature',
      'gemini-3-flash',
      [user('q'), calls('', 'a'), results('a')],
      'function call `a` in the 2. content block',
    ],
    [
      'a later unsigned step of the same turn',
      'gemini-3-flash-preview',
      [user('q'), calls(SIGNED, 'a'), results('a'), calls(undefined, 'b'), results('b')],
      'function call `b` in the 4. content block',
    ],
    [
      'a signature only on the second of parallel calls',
      'gemini-3-pro-preview',
      [
        user('q'),
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'a' } },
            { functionCall: { name: 'b' }, thoughtSignature: SIGNED },
          ],
        },
        results('a', 'b'),
      ],
      'function call `a`',
    ],
  ])('rejects %s', (_name, model, contents, message) => {
    const failure = validateThoughtSignatures(contents, model);
    expect(failure?.code).toBe(400);
    expect(failure?.message).toContain(message);
    expect(failure?.message).toContain(
      'is missing a `thought_signature`. Learn more: https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thought-signatures',
    );
  });
});

describe('validateThoughtSignatures: corrupted signatures', () => {
  it.each<[string, string]>([
    ['a made-up value', 'c2ln'],
    ['a truncated signature', SIGNED.slice(0, 20)],
    ['an edited signature', Buffer.from('emu-sig:gemini-3-pro-preview:nothex').toString('base64')],
  ])('rejects %s anywhere in the history with 400 "Corrupted thought signature."', (_name, bad) => {
    const contents = [
      user('q1'),
      { role: 'model', parts: [{ text: 'earlier', thoughtSignature: bad }] },
      user('q2'),
    ];
    expect(validateThoughtSignatures(contents, 'gemini-3-flash-preview')).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Corrupted thought signature.',
    });
    expect(validateThoughtSignatures(contents, 'gemini-2.5-flash')).toBeUndefined();
  });

  it("accepts the emulator's own signatures, also another model's, and the bypass values", () => {
    const contents = [
      user('q'),
      {
        role: 'model',
        parts: [
          {
            text: 'thinking',
            thought: true,
            thoughtSignature: createThoughtSignature('gemini-2.5-pro'),
          },
          { functionCall: { name: 'a', args: {} }, thoughtSignature: SIGNED },
          { functionCall: { name: 'b', args: {} }, thoughtSignature: BYPASS_THOUGHT_SIGNATURES[1] },
        ],
      },
      results('a', 'b'),
    ];
    expect(validateThoughtSignatures(contents, 'gemini-3-pro-preview')).toBeUndefined();
  });
});
