import autocannon from 'autocannon';

/** What one autocannon run measured. */
export interface LoadResult {
  /** Answers per second: over the whole run, or after the warm-up when it had one. */
  requestsPerSecond: number;
  /** Answers per second over the whole run, warm-up included (equal without a warm-up). */
  wholeRunRequestsPerSecond: number;
  /** Mean latency of the first answer of every connection (all connect and send at once). */
  firstWaveMeanMs: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon against one endpoint (keep-alive, pipelining 1), for `durationSeconds`, or, with
 * `requestsPerConnection`, until every connection has had that many answers. A timed run ends by
 * dropping the requests still in flight; a counted one lets them finish, so a proxy that (rightly)
 * cancels its upstream call when a client leaves does not start the next run with its upstream
 * connections closed (with 256 connections at 200 ms, a timed end aborts a whole wave).
 *
 * A counted run can start with `warmupPerConnection` untimed requests on the same connections:
 * autocannon opens all its connections at once at the start of every run, so the first wave
 * (256 TCP connects and 256 requests arriving together) is a burst, not the steady state that
 * "concurrency ÷ latency" describes. Its cost is reported on its own (`firstWaveMeanMs`) and in
 * the whole-run figure.
 */
export async function runLoad(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  requestsPerConnection?: number | undefined;
  warmupPerConnection?: number | undefined;
}): Promise<LoadResult> {
  const counted = options.requestsPerConnection !== undefined;
  const warmup = counted ? options.connections * (options.warmupPerConnection ?? 0) : 0;
  // A counted run's own duration is rounded up to autocannon's one-second ticks: time it here,
  // from the start to the last answer.
  const started = performance.now();
  let answers = 0;
  let lastAnswer = started;
  let warmupEnd = started;
  let firstWaveTotalMs = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        headers: options.headers,
        connections: options.connections,
        ...(counted
          ? {
              amount: options.connections * (options.requestsPerConnection ?? 1) + warmup,
            }
          : { duration: options.durationSeconds }),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      answers += 1;
      lastAnswer = performance.now();
      if (answers <= options.connections) firstWaveTotalMs += ms;
      if (answers === warmup) warmupEnd = lastAnswer;
    });
  });
  const wholeRun = counted
    ? (result.requests.total * 1000) / (lastAnswer - started)
    : result.requests.average;
  return {
    requestsPerSecond:
      warmup > 0 ? ((answers - warmup) * 1000) / (lastAnswer - warmupEnd) : wholeRun,
    wholeRunRequestsPerSecond: wholeRun,
    firstWaveMeanMs: firstWaveTotalMs / Math.max(1, Math.min(answers, options.connections)),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
