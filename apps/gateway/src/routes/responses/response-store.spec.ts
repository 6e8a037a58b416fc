import type { ResponsesResponse } from '@geminicli2api/protocol-openai';
import { MemoryResponseStore } from './response-store';

const stored = (id: string) => ({ response: { id } as ResponsesResponse, input: [] });

describe('MemoryResponseStore', () => {
  it('keeps a response until its lifetime ends', async () => {
    let now = 1000;
    const store = new MemoryResponseStore({ maxEntries: 10, ttlMs: 500, now: () => now });
    await store.put('a', stored('a'));
    now = 1499;
    expect((await store.get('a'))?.response.id).toBe('a');
    now = 1500;
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('evicts the least recently used past maxEntries', async () => {
    const store = new MemoryResponseStore({ maxEntries: 2, ttlMs: 60_000 });
    await store.put('a', stored('a'));
    await store.put('b', stored('b'));
    await store.get('a');
    await store.put('c', stored('c'));
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('deletes, reporting whether the id was there, and keeps nothing with maxEntries 0', async () => {
    const store = new MemoryResponseStore({ maxEntries: 2, ttlMs: 60_000 });
    await store.put('a', stored('a'));
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    const none = new MemoryResponseStore({ maxEntries: 0, ttlMs: 60_000 });
    await none.put('a', stored('a'));
    expect(await none.get('a')).toBeUndefined();
  });
});
