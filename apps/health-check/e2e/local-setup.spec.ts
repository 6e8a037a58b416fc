import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '@geminicli2api/emulator';
import { healthReportSchema } from '../src/report-schema';
import { freePort } from './support/gateway-process';
import { emptyDir, runCli } from './support/run-cli';

async function only(name: string, args: string[], options: Parameters<typeof runCli>[1]) {
  const run = await runCli(['--json', '--only', name, ...args], options);
  const check = healthReportSchema.parse(run.json()).checks[0];
  return { run, check };
}

describe('local setup checks', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: [
        { refreshToken: 'demo-refresh-token' },
        { refreshToken: 'revoked', invalidGrant: true },
      ],
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('finds spaces around "=" and multi-line JSON in .env, by line, without echoing values', async () => {
    const cwd = emptyDir();
    writeFileSync(
      join(cwd, '.env'),
      [
        'GEMINI_AUTH_PASSWORD = super-secret-value',
        'GEMINI_CREDENTIALS={',
        '  "refresh_token": "1//secret-refresh",',
        '  "client_id": "x"',
        '}',
        'PORT=8888',
        '',
      ].join('\n'),
    );
    const { run, check } = await only('config', [], { cwd });
    expect(run.code).toBe(1);
    expect(check).toMatchObject({ status: 'fail', fix: 'docs/troubleshooting.md#env-file-format' });
    expect(check?.finding).toMatch(
      /line 2 starts JSON for GEMINI_CREDENTIALS that does not end on this line/,
    );
    const issues = check?.details['issues'] as {
      line: number;
      lastLine?: number;
      severity: string;
    }[];
    // The JSON's continuation lines (3–5) are one issue.
    expect(issues.map((issue) => [issue.line, issue.lastLine, issue.severity])).toEqual([
      [1, undefined, 'warn'],
      [2, undefined, 'fail'],
      [3, 5, 'fail'],
    ]);
    expect(run.stdout).not.toMatch(/super-secret-value|secret-refresh/);
  });

  it('the broken credentials in that .env fail the credentials check with the reason', async () => {
    const cwd = emptyDir();
    writeFileSync(
      join(cwd, '.env'),
      'GEMINI_CREDENTIALS={\n  "refresh_token": "1//secret-refresh"\n}\n',
    );
    const { run, check } = await only('credentials', [], { cwd });
    expect(run.code).toBe(1);
    expect(check).toMatchObject({
      status: 'fail',
      fix: 'docs/troubleshooting.md#credentials-invalid',
    });
    expect(check?.finding).toContain('GEMINI_CREDENTIALS cannot be used');
    expect(run.stdout).not.toContain('secret-refresh');
  });

  it.each([
    ['a working refresh token', 'demo-refresh-token', 'pass', /token refresh works/],
    ['a revoked refresh token', 'revoked', 'fail', /invalid_grant/],
  ])(
    '--online refreshes the token of a credentials file: %s',
    async (_case, refreshToken, status, finding) => {
      const cwd = emptyDir();
      writeFileSync(
        join(cwd, 'oauth_creds.json'),
        JSON.stringify({
          refresh_token: refreshToken,
          token_uri: emulator.tokenUrl,
          client_id: 'x',
          client_secret: 'y',
        }),
      );
      const { check } = await only('credentials', ['--online'], { cwd });
      expect(check).toMatchObject({ status, finding: expect.stringMatching(finding) });
      if (status === 'fail') expect(check?.fix).toBe('docs/troubleshooting.md#oauth-token-expired');
    },
  );

  it('--online times DNS and TCP to each upstream host and fails on an unreachable one', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const env = {
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      GOOGLE_GEMINI_BASE_URL: closed,
    };
    const { run, check } = await only('upstream', ['--online'], { env });
    expect(run.code).toBe(1);
    expect(check).toMatchObject({
      status: 'fail',
      finding: expect.stringMatching(
        /^Gemini API \(127\.0\.0\.1:\d+, direct\) unreachable: tcp failed \(ECONNREFUSED\)/,
      ),
      fix: 'docs/troubleshooting.md#google-unreachable',
    });
    const probes = check?.details['probes'] as { name: string; dnsMs?: number; tcpMs?: number }[];
    expect(probes[0]).toMatchObject({
      name: 'Code Assist',
      dnsMs: expect.any(Number),
      tcpMs: expect.any(Number),
    });
  });

  it('--online goes through the configured proxy (CONNECT) and blames the proxy when it is down', async () => {
    const seen: string[] = [];
    const proxy: Server = createServer();
    proxy.on('connect', (request, socket) => {
      seen.push(request.url ?? '');
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port), host, () =>
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n'),
      );
      upstream.pipe(socket).pipe(upstream);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const hosts = {
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      GOOGLE_GEMINI_BASE_URL: emulator.url,
    };
    try {
      const good = await only('upstream', ['--online'], {
        env: { ...hosts, HTTP_PROXY: proxyUrl },
      });
      expect(good.check).toMatchObject({
        status: 'pass',
        finding: expect.stringContaining(`(proxy 127.0.0.1:`),
      });
      expect(seen).toContain(`127.0.0.1:${emulator.port}`);
      const down = await only('upstream', ['--online'], {
        env: { ...hosts, HTTP_PROXY: `http://127.0.0.1:${await freePort()}` },
      });
      expect(down.check).toMatchObject({
        status: 'fail',
        fix: 'docs/troubleshooting.md#proxy-settings',
      });
      const bypassed = await only('upstream', ['--online'], {
        env: { ...hosts, HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '127.0.0.1' },
      });
      expect(bypassed.check).toMatchObject({
        status: 'pass',
        finding: expect.stringContaining('(direct)'),
      });
    } finally {
      proxy.close();
    }
  });

  it('skips upstream reachability without --online (tests never reach Google)', async () => {
    const { run, check } = await only('upstream', [], {});
    expect(run.code).toBe(0);
    expect(check).toMatchObject({
      status: 'skipped',
      finding: expect.stringContaining('--online'),
    });
  });
});
