import { formatZodIssues } from './format-zod-issues';
import { responsesRequestSchema } from './responses-request';

function firstIssue(body: unknown) {
  const parsed = responsesRequestSchema.safeParse(body);
  if (parsed.success) throw new Error('expected a failure');
  return formatZodIssues(parsed.error.issues)[0];
}

describe('responsesRequestSchema', () => {
  it('accepts a string input and a message item without a type (the easy form)', () => {
    const parsed = responsesRequestSchema.parse({
      model: 'gemini-2.5-flash',
      input: [{ role: 'user', content: 'hi' }],
    });
    expect(parsed.input).toEqual([{ type: 'message', role: 'user', content: 'hi' }]);
    expect(responsesRequestSchema.parse({ model: 'm', input: 'hello' }).input).toBe('hello');
  });

  it('names the path and the supported types for an unknown input item type', () => {
    expect(firstIssue({ model: 'm', input: [{ type: 'computer_call_output' }] })).toEqual({
      path: 'input[0].type',
      message: expect.stringContaining('supported: message, function_call'),
    });
  });

  it('rejects an unknown content part type and a wrong text format', () => {
    expect(
      firstIssue({ model: 'm', input: [{ role: 'user', content: [{ type: 'input_video' }] }] })
        ?.path,
    ).toBe('input[0].content[0].type');
    expect(firstIssue({ model: 'm', text: { format: { type: 'xml' } } })?.message).toContain(
      'json_schema',
    );
  });

  it('parses a namespace tool holding function tools, and keeps unknown tool kinds', () => {
    const parsed = responsesRequestSchema.parse({
      model: 'm',
      tools: [
        { type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'spawn' }] },
        { type: 'web_search', external_web_access: false },
      ],
    });
    expect(parsed.tools?.[0]).toMatchObject({ type: 'namespace', tools: [{ name: 'spawn' }] });
    expect(parsed.tools?.[1]).toEqual({ type: 'web_search', external_web_access: false });
  });
});
