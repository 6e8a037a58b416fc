import autocannon from 'autocannon';

/** What one autocannon run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon against one endpoint (keep-alive, pipelining 1), for `durationSeconds`, or, with
 * `requestsPerConnection`, until every connection has had that many answers. A timed run ends by
 * dropping the requests still in flight; a counted one lets them finish, so a proxy that (rightly)
 * cancels its upstream call when a client leaves does not start the next run with its upstream
 * connections closed (with 256 connections at 200 ms, a timed end aborts a whole wave).
 */
export async function runLoad(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  requestsPerConnection?: number | undefined;
}): Promise<LoadResult> {
  const counted = options.requestsPerConnection !== undefined;
  // A counted run's own duration is rounded up to autocannon's one-second ticks: time it here,
  // from the start to the last answer.
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        headers: options.headers,
        connections: options.connections,
        ...(counted
          ? { amount: options.connections * (options.requestsPerConnection ?? 1) }
          : { duration: options.durationSeconds }),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => {
      lastAnswer = performance.now();
    });
  });
  return {
    requestsPerSecond: counted
      ? (result.requests.total * 1000) / (lastAnswer - started)
      : result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
