import { TrafficRecorder } from './traffic-recorder';

describe('TrafficRecorder', () => {
  const start = Date.UTC(2026, 11, 4, 12, 0, 0);

  it('counts requests and errors per minute with p50 / p95 latency, oldest bucket first', () => {
    let time = start;
    const traffic = new TrafficRecorder(() => time);
    for (const latency of [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000]) traffic.record(200, latency);
    traffic.record(429, 5);
    time += 60_000;
    traffic.record(500, 100);
    const [before, first, second] = traffic.series(3, 1);
    expect(before).toMatchObject({ requests: 0, errors: 0, latency_ms_p50: null });
    expect(first).toEqual({
      time: new Date(start).toISOString(),
      requests: 11,
      errors: 1,
      latency_ms_p50: 50,
      latency_ms_p95: 1000,
    });
    expect(second).toMatchObject({ requests: 1, errors: 1, latency_ms_p50: 100 });
  });

  it('sums minutes into wider buckets and forgets what is older than a day', () => {
    let time = start;
    const traffic = new TrafficRecorder(() => time);
    traffic.record(200, 1);
    time += 10 * 60_000;
    traffic.record(200, 1);
    const day = traffic.series(48, 30);
    expect(day).toHaveLength(48);
    expect(day.reduce((sum, point) => sum + point.requests, 0)).toBe(2);
    time += 24 * 60 * 60_000;
    // The same ring slots a day later: yesterday's counts are not today's.
    expect(traffic.series(60, 1).every((point) => point.requests === 0)).toBe(true);
  });
});
