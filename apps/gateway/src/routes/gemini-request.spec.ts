import { parseCountTokensRequest, parseGenerateRequest } from './gemini-request';

describe('parseCountTokensRequest', () => {
  const contents = [{ role: 'user', parts: [{ text: 'hi' }] }];
  it.each([
    ['contents', { contents }],
    [
      'generateContentRequest',
      { generate_content_request: { model: 'models/gemini-2.5-flash', contents } },
    ],
  ])('reads %s', (_name, body) => {
    expect(parseCountTokensRequest(body)).toEqual(contents);
  });
  it('rejects a body without contents with a 400 naming the field', () => {
    expect(() => parseCountTokensRequest({})).toThrow(
      expect.objectContaining({ status: 400, param: 'contents' }) as Error,
    );
  });
});

describe('parseGenerateRequest', () => {
  it('gives a content without a role (or with an empty one) the user role, and keeps the others', () => {
    const parsed = parseGenerateRequest({
      contents: [
        { parts: [{ text: 'a' }] },
        { role: 'model', parts: [{ text: 'b' }] },
        { role: '', parts: [{ text: 'c' }] },
      ],
      system_instruction: { parts: [{ text: 'be brief' }] },
    });
    expect(parsed.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(parsed.systemInstruction).toEqual({ parts: [{ text: 'be brief' }] });
  });
});
