import { assertLoopback, generateRequests } from './fuzz-probe';

describe('generateRequests', () => {
  it('is deterministic for a seed and covers the attack shapes', () => {
    const first = generateRequests(500, 7, 'pw');
    expect(generateRequests(500, 7, 'pw')).toEqual(first);
    expect(generateRequests(500, 8, 'pw')).not.toEqual(first);
    const bodies = first.map((request) => request.body.toString('latin1'));
    expect(bodies.some((body) => body.startsWith('{"contents":[[[[[[[[[['))).toBe(true);
    expect(bodies.some((body) => body === '')).toBe(true);
    expect(first.some((request) => request.headers['content-encoding'] === 'gzip')).toBe(true);
    expect(first.some((request) => request.method !== 'POST')).toBe(true);
    expect(first.some((request) => request.headers['authorization'] !== 'Bearer pw')).toBe(true);
  });
});

describe('assertLoopback', () => {
  it.each(['http://127.0.0.1:8888', 'http://localhost:1', 'http://[::1]:2'])(
    'accepts %s',
    (url) => {
      expect(() => assertLoopback(url)).not.toThrow();
    },
  );

  it.each([
    'http://192.0.2.1:8888',
    'https://127.0.0.1:1',
    'http://example.com',
    'http://10.0.0.1',
  ])('refuses %s', (url) => {
    expect(() => assertLoopback(url)).toThrow(/only targets/);
  });
});
