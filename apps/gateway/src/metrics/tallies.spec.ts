import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { TalliedCounter, TalliedHistogram } from './tallies';

const BUCKETS = [0.05, 0.1, 0.25, 1, 10];

/** Requests as the access log counts them: route, method, status, stream flag, seconds. */
const request = fc.record({
  route: fc.constantFrom('/v1/chat/completions', '/v1beta/models/:model:generateContent', 'a"b\\c'),
  method: fc.constantFrom('POST', 'GET'),
  status: fc.constantFrom(200, 400, 499, 502),
  stream: fc.boolean(),
  seconds: fc.oneof(fc.double({ min: 0, max: 20, noNaN: true }), fc.constantFrom(...BUCKETS)),
});

describe('tallied metrics', () => {
  it('print exactly what prom-client’s own counter and histogram print for the same requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 40 }), async (requests) => {
        const own = new Registry();
        const reference = new Registry();
        const counterConfig = {
          name: 'requests_total',
          help: 'Requests.',
          labelNames: ['route', 'method', 'status'] as const,
        };
        const histogramConfig = {
          name: 'duration_seconds',
          help: 'Durations.',
          labelNames: ['route', 'stream'] as const,
          buckets: BUCKETS,
        };
        const counter = new TalliedCounter({ ...counterConfig, registers: [own] });
        const histogram = new TalliedHistogram({ ...histogramConfig, registers: [own] });
        const referenceCounter = new Counter({ ...counterConfig, registers: [reference] });
        const referenceHistogram = new Histogram({ ...histogramConfig, registers: [reference] });
        for (const [index, { route, method, status, stream, seconds }] of requests.entries()) {
          counter.add([route, method, status]);
          histogram.observe([route, stream], seconds);
          referenceCounter.inc({ route, method, status: String(status) });
          referenceHistogram.observe({ route, stream: String(stream) }, seconds);
          // A scrape in the middle must not lose or double what came before it.
          if (index === 3) expect(await own.metrics()).toBe(await reference.metrics());
        }
        expect(await own.metrics()).toBe(await reference.metrics());
        // The JSON form too, but for the exemplars, which the tallies do not keep.
        const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
          metrics.map(({ values, ...metric }) => ({
            ...metric,
            values: values.map((value) => {
              const { exemplar: _exemplar, ...rest } = value as typeof value & {
                exemplar?: unknown;
              };
              return rest;
            }),
          }));
        expect(await own.getMetricsAsJSON()).toEqual(
          withoutExemplars(await reference.getMetricsAsJSON()),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('adds amounts, ignores zero and a NaN duration, and forgets everything on reset', async () => {
    const registry = new Registry();
    const tokens = new TalliedCounter({
      name: 'tokens_total',
      help: 'Tokens.',
      labelNames: ['type'] as const,
      registers: [registry],
    });
    const histogram = new TalliedHistogram({
      name: 'duration_seconds',
      help: 'Durations.',
      labelNames: ['route'] as const,
      buckets: [1],
      registers: [registry],
    });
    tokens.add(['prompt'], 7);
    tokens.add(['prompt'], 0);
    tokens.add(['completion'], 0);
    tokens.add(['prompt'], 5);
    histogram.observe(['/x'], Number.NaN);
    histogram.observe(['/x'], 0.5);
    const text = await registry.metrics();
    expect(text).toContain('tokens_total{type="prompt"} 12');
    expect(text).not.toContain('type="completion"');
    expect(text).toContain('duration_seconds_count{route="/x"} 1');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/x"');
  });
});
