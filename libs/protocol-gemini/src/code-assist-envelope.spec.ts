import {
  codeAssistGenerateResponseSchema,
  loadCodeAssistResponseSchema,
  readProjectId,
} from './code-assist-envelope';

describe('codeAssistGenerateResponseSchema', () => {
  it('parses a real-shaped response, keeping fields it does not know', () => {
    const body = {
      response: {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: '{"answer":"yes"}' }] },
            finishReason: 'STOP',
            index: 0,
            avgLogprobs: -0.1,
          },
        ],
        usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 6, totalTokenCount: 126 },
        modelVersion: 'gemini-2.5-flash',
        createTime: '2026-08-21T10:00:01.5Z',
        responseId: 'resp-def456',
      },
      traceId: 'trace-0002',
    };
    const parsed = codeAssistGenerateResponseSchema.parse(body);
    expect(parsed.traceId).toBe('trace-0002');
    expect(parsed.response?.candidates?.[0]).toMatchObject({
      avgLogprobs: -0.1,
      finishReason: 'STOP',
    });
  });

  it('accepts a final stream event whose candidate has no parts', () => {
    const parsed = codeAssistGenerateResponseSchema.parse({
      response: { candidates: [{ finishReason: 'STOP' }], usageMetadata: { totalTokenCount: 3 } },
    });
    expect(parsed.response?.candidates?.[0]?.content).toBeUndefined();
  });

  it('rejects a candidate whose parts are not an array', () => {
    expect(
      codeAssistGenerateResponseSchema.safeParse({
        response: { candidates: [{ content: { parts: 'text' } }] },
      }).success,
    ).toBe(false);
  });
});

describe('readProjectId', () => {
  it('reads the string form of loadCodeAssist and the object form of onboarding', () => {
    const load = loadCodeAssistResponseSchema.parse({
      currentTier: { id: 'standard-tier' },
      cloudaicompanionProject: 'p-1',
    });
    expect(readProjectId(load.cloudaicompanionProject)).toBe('p-1');
    expect(readProjectId({ id: 'p-2', name: 'projects/p-2' })).toBe('p-2');
    expect(readProjectId('')).toBeUndefined();
    expect(readProjectId(null)).toBeUndefined();
  });
});
