import { AbortFlag, asAbortSignal } from './abort-flag';

describe('AbortFlag', () => {
  it('calls each listener once, with the reason set, and ignores later aborts', () => {
    const flag = new AbortFlag();
    const seen: unknown[] = [];
    flag.addEventListener('abort', () => seen.push(flag.reason));
    flag.abort('client gone');
    flag.abort('second');
    expect(seen).toEqual(['client gone']);
    expect(flag.aborted).toBe(true);
    expect(() => flag.throwIfAborted()).toThrow('client gone');
  });

  it('does not call a removed listener', () => {
    const flag = new AbortFlag();
    const calls: string[] = [];
    const removed = () => calls.push('removed');
    flag.addEventListener('abort', removed);
    flag.addEventListener('abort', () => calls.push('kept'));
    flag.removeEventListener('abort', removed);
    flag.abort();
    expect(calls).toEqual(['kept']);
    expect((flag.reason as Error).name).toBe('AbortError');
  });

  it('gives fetch a standard AbortSignal that follows it', () => {
    const flag = new AbortFlag();
    const signal = asAbortSignal(flag);
    expect(signal.aborted).toBe(false);
    flag.abort('stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('stop');
    const standard = new AbortController().signal;
    expect(asAbortSignal(standard)).toBe(standard);
  });
});
