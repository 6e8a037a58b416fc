import sample from './__fixtures__/chat-request-tools.json';
import { chatCompletionRequestSchema } from './chat-completion-request';
import { formatZodIssues } from './format-zod-issues';

function firstIssue(body: unknown) {
  const result = chatCompletionRequestSchema.safeParse(body);
  if (result.success) throw new Error('expected the body to be rejected');
  return formatZodIssues(result.error.issues)[0];
}

const minimal = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] };

describe('chatCompletionRequestSchema', () => {
  it('accepts a real client payload with tools, images, nulls and unknown keys', () => {
    const parsed = chatCompletionRequestSchema.parse(sample);
    expect(parsed.messages).toHaveLength(4);
    expect(parsed.messages[2]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ extra_content: { google: { thought_signature: 'SIG' } } }],
    });
    expect(parsed).not.toHaveProperty('metadata');
  });

  it('defaults a tool call without type to "function"', () => {
    const parsed = chatCompletionRequestSchema.parse({
      ...minimal,
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: '{}' } }] },
      ],
    });
    expect(parsed.messages[0]).toMatchObject({ tool_calls: [{ type: 'function' }] });
  });

  it('reads an image_url given as a bare string as {url}', () => {
    const url = 'data:image/png;base64,iVBORw0KGgo=';
    const parsed = chatCompletionRequestSchema.parse({
      ...minimal,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: url }] }],
    });
    expect(parsed.messages[0]).toMatchObject({
      content: [{ type: 'image_url', image_url: { url } }],
    });
  });

  it.each([
    ['a missing model', { messages: minimal.messages }, 'model'],
    ['an empty message list', { model: 'm', messages: [] }, 'messages'],
    [
      'an unknown role',
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      'messages[0].role',
    ],
    ['a temperature above 2', { ...minimal, temperature: 3 }, 'temperature'],
    ['n above 8', { ...minimal, n: 9 }, 'n'],
    [
      'a tool message without tool_call_id',
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
    ],
    [
      'an image part without url',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      'messages[0].content[0].image_url.url',
    ],
    [
      'an image part whose url is an empty string',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: '' }] }] },
      'messages[0].content[0].image_url',
    ],
    ['a string max_tokens', { ...minimal, max_tokens: '10' }, 'max_tokens'],
  ])('rejects %s, naming the path', (_name, body, path) => {
    expect(firstIssue(body)?.path).toBe(path);
  });

  // A value of the right type for one branch of a union, but breaking that branch's rule, used
  // to be reported as zod's bare "Invalid input".
  it.each([
    [
      'six stop sequences',
      { ...minimal, stop: ['a', 'b', 'c', 'd', 'e', 'f'] },
      'stop',
      'Too big: expected array to have <=5 items',
    ],
    [
      'a stop of the wrong type',
      { ...minimal, stop: 5 },
      'stop',
      'Invalid input: expected string or array, received number',
    ],
    [
      'message content of the wrong type',
      { model: 'm', messages: [{ role: 'user', content: 42 }] },
      'messages[0].content',
      'Invalid input: expected string or array, received number',
    ],
  ])('says what is wrong with %s', (_name, body, path, message) => {
    expect(firstIssue(body)).toEqual({ path, message });
  });

  it('never puts the rejected value in the message', () => {
    const issue = firstIssue({ ...minimal, temperature: 'sk-secret-value' });
    expect(issue?.message).not.toContain('sk-secret-value');
  });
});
