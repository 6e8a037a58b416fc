import { createFaultQueue } from './scripted-fault';

describe('createFaultQueue', () => {
  it('consumes matching faults in FIFO order and skips non-matching ones', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'server-error', status: 500, match: { method: 'countTokens' } });
    queue.add({ kind: 'hang', match: { method: 'generateContent', model: 'gemini-2.5-pro' } });
    queue.add({ kind: 'server-error', status: 502 });
    expect(queue.take({ method: 'generateContent', model: 'gemini-2.5-flash' })).toEqual({
      kind: 'server-error',
      status: 502,
    });
    expect(queue.take({ method: 'generateContent', model: 'gemini-2.5-pro' })?.kind).toBe('hang');
    expect(queue.take({ method: 'generateContent', model: 'gemini-2.5-pro' })).toBeUndefined();
    expect(queue.take({ method: 'countTokens' })?.kind).toBe('server-error');
  });

  it('applies a fault `times` times, and forever with Infinity', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'no-finish-reason', times: 2 });
    queue.add({ kind: 'hang', times: Infinity, match: { account: 'acct' } });
    expect(queue.take({ method: 'streamGenerateContent' })?.kind).toBe('no-finish-reason');
    expect(queue.take({ method: 'streamGenerateContent' })?.kind).toBe('no-finish-reason');
    expect(queue.take({ method: 'streamGenerateContent' })).toBeUndefined();
    for (let index = 0; index < 5; index++)
      expect(queue.take({ method: 'token', account: 'acct' })?.kind).toBe('hang');
  });

  it('never applies to calls that faults cannot target, and forgets everything on clear', () => {
    const queue = createFaultQueue();
    queue.add({ kind: 'hang' });
    expect(queue.take({ method: undefined })).toBeUndefined();
    queue.clear();
    expect(queue.take({ method: 'loadCodeAssist' })).toBeUndefined();
  });
});
