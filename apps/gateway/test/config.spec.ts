import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { loadDotEnv } from '../src/load-dot-env';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['loopback, 10.0.0.0/8 ,fd00::/8', 'loopback,10.0.0.0/8,fd00::/8'],
    ['192.168.1.10', '192.168.1.10'],
  ])('%s → %j', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(
      expected,
    );
  });
});

describe('config validation names the variable and what is wrong', () => {
  it.each([
    ['UPSTREAM_MAX_ATTEMPTS', 'three', /UPSTREAM_MAX_ATTEMPTS: must be a whole number/],
    ['UPSTREAM_MAX_ATTEMPTS', '0', /UPSTREAM_MAX_ATTEMPTS: must be at least 1/],
    ['UPSTREAM_MAX_ATTEMPTS', '11', /UPSTREAM_MAX_ATTEMPTS: must be at most 10/],
    ['UPSTREAM_IDLE_TIMEOUT_MS', '-5', /UPSTREAM_IDLE_TIMEOUT_MS: must be a whole number/],
    ['UPSTREAM_MAX_CONCURRENCY', '1.5', /UPSTREAM_MAX_CONCURRENCY: must be a whole number/],
    ['SSE_KEEPALIVE_INTERVAL_MS', '15s', /SSE_KEEPALIVE_INTERVAL_MS: must be a whole number/],
    ['METRICS_ENABLED', 'maybe', /METRICS_ENABLED: must be true or false/],
    ['HTTPS_PROXY', 'proxy.internal:3128', /HTTPS_PROXY: must be a proxy URL/],
    ['REQUEST_BODY_LIMIT', 'lots', /REQUEST_BODY_LIMIT: must look like 20mb/],
    ['PORT', '99999', /PORT/],
    ['HEAP_GROWTH_PERCENT', '50%', /HEAP_GROWTH_PERCENT: must be a whole number/],
    ['HEAP_GROWTH_PERCENT', '301', /HEAP_GROWTH_PERCENT: must be at most 300/],
    ['PORT', 'abc', /PORT: must be a whole number \(0–65535\)/],
    ['GEMINI_OAUTH_CALLBACK_PORT', '0', /GEMINI_OAUTH_CALLBACK_PORT: must be at least 1/],
    ['GEMINI_QUOTA_REFRESH_MS', '5m', /GEMINI_QUOTA_REFRESH_MS: must be a whole number/],
    ['CORS_ORIGINS', 'app.example.com', /CORS_ORIGINS: must be \* or origins such as https:/],
    ['CORS_ORIGINS', 'https://a.example, https://b.example/app', /CORS_ORIGINS: must be \*/],
    ['TRUST_PROXY', 'proxy.internal', /TRUST_PROXY: must be true, false, a number of proxy hops/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY: must be true, false/],
    ['TRUST_PROXY', 'loopback, 300.1.1.1', /TRUST_PROXY: must be true, false/],
  ])('%s=%s', (name, value, expected) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('reports every bad variable at once, and never their values', () => {
    const secretish = 'hunter2-secret-proxy-password';
    const problems = problemsOf({
      UPSTREAM_QUEUE_SIZE: 'lots',
      HTTP_PROXY: `not a url ${secretish}`,
      GEMINI_AUTH_PASSWORD: 'short',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'GEMINI_AUTH_PASSWORD',
      'HTTP_PROXY',
      'UPSTREAM_QUEUE_SIZE',
    ]);
    expect(problems.join('\n')).not.toContain(secretish);
    expect(problems.join('\n')).not.toContain('short');
  });

  it('has working defaults and reads the lower-case proxy variables too', () => {
    const config = loadConfig({
      https_proxy: 'http://proxy.internal:3128',
      no_proxy: 'localhost',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.retry).toEqual({
      maxAttempts: 3,
      baseDelayMs: 1000,
      maxDelayMs: 10_000,
      maxRateLimitWaitMs: 10_000,
    });
    expect(config.concurrency).toEqual({ maxInFlight: 512, maxQueued: 2048, retryAfterSeconds: 2 });
    expect(config.proxy).toEqual({
      httpProxy: undefined,
      httpsProxy: 'http://proxy.internal:3128',
      noProxy: 'localhost',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.metrics).toEqual({ enabled: true, requireAuth: true });
    expect(config.requestBodyLimit).toBe('50mb');
    expect(config.heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
  });
});

describe('a blank value means the variable is not set', () => {
  it('keeps the defaults for PORT=, numbers, flags and ports left empty (a .env template, compose ${X:-})', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '',
      UPSTREAM_MAX_ATTEMPTS: ' ',
      METRICS_ENABLED: '',
      GEMINI_OAUTH_CALLBACK_PORT: '',
      GEMINI_QUOTA_REFRESH_MS: '',
      CORS_ORIGINS: '',
    });
    expect(config.port).toBe(8888);
    expect(config.host).toBe('0.0.0.0');
    expect(config.retry.maxAttempts).toBe(3);
    expect(config.metrics.enabled).toBe(true);
    expect(config.backends.oauthCallbackPort).toBe(8080);
    expect(config.backends.quotaRefreshMs).toBe(300_000);
    expect(config.corsOrigins).toBe('*');
  });

  it('reads origins as browsers send them: no trailing slash, lower case', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://App.Example/, http://localhost:3000' }).corsOrigins,
    ).toEqual(['https://app.example', 'http://localhost:3000']);
    expect(loadConfig({ CORS_ORIGINS: 'chrome-extension://abcdef' }).corsOrigins).toEqual([
      'chrome-extension://abcdef',
    ]);
  });
});

describe('.env mistakes are detected and explained', () => {
  it('loadDotEnv reports the mistakes of the file it read, by line, never its values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dotenv-'));
    await writeFile(
      join(dir, '.env'),
      `GEMINI_CREDENTIALS={"refresh_token": "1//secret#refresh"}\nPORT=1\nPORT=2\n`,
    );
    const env: NodeJS.ProcessEnv = {};
    const result = loadDotEnv(env, dir);
    expect(
      result?.problems.map((problem) => [problem.line, problem.key, problem.severity]),
    ).toEqual([
      [1, 'GEMINI_CREDENTIALS', 'fail'],
      [3, 'PORT', 'warn'],
    ]);
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(env['PORT']).toBe('2');
  });

  it('loadDotEnv fills unset variables and returns the problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dotenv-'));
    await writeFile(join(dir, '.env'), 'PORT = 9999\nHOST=127.0.0.1\n');
    const env: NodeJS.ProcessEnv = { HOST: 'kept' };
    const result = loadDotEnv(env, dir);
    expect(env).toMatchObject({ PORT: '9999', HOST: 'kept' });
    expect(result?.problems).toEqual([expect.objectContaining({ line: 1, key: 'PORT' })]);
    expect(loadDotEnv({}, join(dir, 'missing'))).toBeUndefined();
  });

  it('loadDotEnv also fills a variable the environment sets to an empty value (empty means unset)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dotenv-'));
    await writeFile(join(dir, '.env'), 'GEMINI_AUTH_PASSWORD=from-the-env-file\nHOST=127.0.0.1\n');
    const env: NodeJS.ProcessEnv = { GEMINI_AUTH_PASSWORD: '', HOST: ' ' };
    loadDotEnv(env, dir);
    expect(env).toMatchObject({ GEMINI_AUTH_PASSWORD: 'from-the-env-file', HOST: '127.0.0.1' });
  });
});
