import { ConfigError, loadConfig } from '../src/config';

describe('hardening settings', () => {
  it('have sane defaults', () => {
    const config = loadConfig({});
    expect(config.requestMaxJsonDepth).toBe(128);
    expect(config.clientStallTimeoutMs).toBe(60_000);
    expect(config.remoteMedia).toEqual({
      allowPrivateNetworks: false,
      maxUrls: 16,
      maxTotalBytes: 20 * 1024 * 1024,
    });
  });

  it('read sizes with units and plain numbers', () => {
    const config = loadConfig({
      REMOTE_MEDIA_MAX_TOTAL_BYTES: '512kb',
      REMOTE_MEDIA_MAX_URLS: '0',
      REQUEST_MAX_JSON_DEPTH: '64',
      CLIENT_STALL_TIMEOUT_MS: '0',
    });
    expect(config.remoteMedia).toMatchObject({ maxTotalBytes: 512 * 1024, maxUrls: 0 });
    expect(config.requestMaxJsonDepth).toBe(64);
    expect(config.clientStallTimeoutMs).toBe(0);
    expect(loadConfig({ REMOTE_MEDIA_MAX_TOTAL_BYTES: '1000' }).remoteMedia.maxTotalBytes).toBe(
      1000,
    );
  });

  it.each([
    ['REMOTE_MEDIA_MAX_TOTAL_BYTES', 'lots', /must look like 20mb/],
    ['REMOTE_MEDIA_MAX_URLS', '1001', /at most 1000/],
    ['REQUEST_MAX_JSON_DEPTH', '2', /at least 8/],
    ['REQUEST_MAX_JSON_DEPTH', '5000', /at most 512/],
    ['CLIENT_STALL_TIMEOUT_MS', '1m', /whole number/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    let problems: string[] = [];
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: .*${message.source}`))]);
  });
});
