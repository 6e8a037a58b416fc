import { FUNCTION_RESPONSE_COUNT_MESSAGE, validateContents } from './validate-contents';

const call = (name: string) => ({ functionCall: { name, args: {} } });
const result = (name: string) => ({ functionResponse: { name, response: { output: 'ok' } } });
const user = (...parts: unknown[]) => ({ role: 'user', parts });
const model = (...parts: unknown[]) => ({ role: 'model', parts });

describe('validateContents', () => {
  it.each<[string, unknown[]]>([
    ['a single user text', [user({ text: 'hi' })]],
    ['an empty text part', [user({ text: '' })]],
    [
      'a thought part with a signature',
      [
        user({ text: 'q' }),
        model({ text: 'thinking', thought: true, thoughtSignature: 'c2ln' }),
        user({ text: 'next' }),
      ],
    ],
    ['inline data', [user({ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } })]],
    ['file data', [user({ fileData: { mimeType: 'image/png', fileUri: 'gs://bucket/a.png' } })]],
    [
      'parallel calls answered in one turn',
      [user({ text: 'q' }), model(call('a'), call('b')), user(result('a'), result('b'))],
    ],
    ['a call turn as the last content', [user({ text: 'q' }), model(call('a'))]],
    [
      'results followed by a user text in the same turn',
      [
        user({ text: 'q' }),
        model({ text: 'ok' }, call('a')),
        user(result('a'), { text: 'continue' }),
      ],
    ],
  ])('accepts %s', (_name, contents) => {
    expect(validateContents(contents)).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['missing contents', undefined, 'contents is not specified'],
    ['an empty list', [], 'contents is not specified'],
    ['a non-object content', ['hi'], `Invalid value at 'request.contents[0]'`],
    ['a missing role', [{ parts: [{ text: 'x' }] }], 'Please use a valid role: user, model.'],
    [
      'a function role',
      [user({ text: 'q' }), { role: 'function', parts: [result('a')] }],
      'Please use a valid role: user, model.',
    ],
    [
      'empty parts',
      [user({ text: 'q' }), model()],
      '* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.\n',
    ],
    [
      'an unknown content key',
      [{ role: 'user', parts: [{ text: 'x' }], name: 'bob' }],
      `Unknown name "name" at 'request.contents[0]'`,
    ],
    [
      'a part with no data',
      [user({ thought: true })],
      "required oneof field 'data' must have one initialized field",
    ],
    [
      'a part with two data keys',
      [user({ text: 'x', inlineData: { mimeType: 'image/png', data: 'AA==' } })],
      "oneof field 'data' is already set. Cannot set 'inlineData'",
    ],
    [
      'an unknown part key',
      [user({ text: 'x', cache_control: {} })],
      `Unknown name "cache_control" at 'request.contents[0].parts[0]'`,
    ],
    [
      'a non-string text',
      [user({ text: 42 })],
      `Invalid value at 'request.contents[0].parts[0].text' (TYPE_STRING), 42`,
    ],
    [
      'inline data with snake mime_type',
      [user({ inlineData: { mime_type: 'image/png', data: 'AA==' } })],
      `Unknown name "mime_type" at 'request.contents[0].parts[0].inline_data'`,
    ],
    [
      'inline data without data',
      [user({ inlineData: { mimeType: 'image/png' } })],
      'empty data field',
    ],
    ['inline data without mimeType', [user({ inlineData: { data: 'AA==' } })], 'empty mimeType'],
    [
      'a call without a name',
      [user({ text: 'q' }), model({ functionCall: { args: {} } })],
      'function_call.name: name must not be empty',
    ],
    [
      'call args that are not an object',
      [user({ text: 'q' }), model({ functionCall: { name: 'a', args: '{}' } })],
      'google.protobuf.Struct',
    ],
    [
      'fewer results than calls',
      [user({ text: 'q' }), model(call('a'), call('b')), user(result('a'))],
      FUNCTION_RESPONSE_COUNT_MESSAGE,
    ],
    [
      'a user text right after a call turn',
      [user({ text: 'q' }), model(call('a')), user({ text: 'never mind' })],
      FUNCTION_RESPONSE_COUNT_MESSAGE,
    ],
    [
      'a result without a call turn',
      [user({ text: 'q' }), user(result('a'))],
      FUNCTION_RESPONSE_COUNT_MESSAGE,
    ],
  ])('rejects %s', (_name, contents, message) => {
    const failure = validateContents(contents);
    expect(failure?.code).toBe(400);
    expect(failure?.message).toContain(message);
  });
});
