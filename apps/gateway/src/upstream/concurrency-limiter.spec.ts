import { createConcurrencyLimiter } from './concurrency-limiter';

describe('createConcurrencyLimiter', () => {
  it('admits maxInFlight at once, queues the next in order, and hands slots over on release', async () => {
    const limiter = createConcurrencyLimiter({
      maxInFlight: 2,
      maxQueued: 2,
      retryAfterSeconds: 1,
    });
    const first = await limiter.acquire();
    await limiter.acquire();
    const order: string[] = [];
    const third = limiter.acquire().then((release) => (order.push('third'), release));
    const fourth = limiter.acquire().then((release) => (order.push('fourth'), release));
    expect(limiter.queued).toBe(2);
    await expect(limiter.acquire()).rejects.toMatchObject({ status: 429 });
    first();
    first(); // idempotent: a second call frees nothing more
    await third;
    expect(order).toEqual(['third']);
    expect(limiter.inFlight).toBe(2);
    expect(limiter.queued).toBe(1);
    void fourth;
  });

  it('drops a waiter whose client aborted, so the queue does not fill with ghosts', async () => {
    const limiter = createConcurrencyLimiter({
      maxInFlight: 1,
      maxQueued: 1,
      retryAfterSeconds: 1,
    });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.queued).toBe(0);
    release();
    expect(limiter.inFlight).toBe(0);
  });
});
