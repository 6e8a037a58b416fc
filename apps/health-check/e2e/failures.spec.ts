import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthReportSchema, type HealthReport } from '../src/report-schema';
import { freePort, PASSWORD, startGateway } from './support/gateway-process';
import { emptyDir, runCli } from './support/run-cli';

function check(report: HealthReport, name: string) {
  return report.checks.find((entry) => entry.name === name);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('health-check failure modes', () => {
  it('fails fast with exit 1 when the gateway is down, skipping the gateway checks', async () => {
    const port = await freePort();
    const run = await runCli(['--json', '--url', `http://127.0.0.1:${port}`, '--skip', 'docker']);
    const report = healthReportSchema.parse(run.json());
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(5000);
    expect(check(report, 'service')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('ECONNREFUSED'),
      fix: 'docs/troubleshooting.md#service-not-reachable',
    });
    expect(['auth', 'endpoints', 'accounts'].map((name) => check(report, name)?.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
  });

  it('fails authentication when the server accepts any password', async () => {
    const server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/health')
        response.end('{"status":"ok","backend":"ready","version":"fake"}');
      else response.end('{"object":"list","data":[{"id":"gemini-2.5-pro","object":"model"}]}');
    });
    const url = await listen(server);
    try {
      const run = await runCli([
        '--json',
        '--url',
        url,
        '--password',
        PASSWORD,
        '--only',
        'service,auth',
      ]);
      const report = healthReportSchema.parse(run.json());
      expect(run.code).toBe(1);
      expect(check(report, 'auth')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining('NOT enforced'),
        fix: 'docs/troubleshooting.md#authentication-not-enforced',
      });
    } finally {
      server.close();
    }
  });

  it('--wait polls until a gateway that starts late is up, then passes', async () => {
    const gateway = await startGateway({ delayMs: 1500 });
    try {
      const run = await runCli(
        ['--wait', '20', '--url', gateway.url, '--only', 'service,auth,endpoints'],
        { env: gateway.env },
      );
      expect(run.code).toBe(0);
      expect(run.ms).toBeGreaterThanOrEqual(1000);
      expect(run.stdout).toMatch(/^HEALTHY\s+3 passed, 0 warnings, 0 failed/m);
      expect(run.stderr).toMatch(/waiting for .*ECONNREFUSED/);
    } finally {
      await gateway.stop();
    }
  });

  it('--wait gives up after the given time and fails', async () => {
    const run = await runCli([
      '--json',
      '--wait',
      '1',
      '--url',
      `http://127.0.0.1:${await freePort()}`,
      '--only',
      'service',
    ]);
    expect(run.code).toBe(1);
    expect(run.ms).toBeGreaterThanOrEqual(1000);
    expect(check(healthReportSchema.parse(run.json()), 'service')?.status).toBe('fail');
  });

  it('reports a port taken by another process', async () => {
    const port = await freePort();
    const holder = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`,
    ]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      const run = await runCli(['--json', '--only', 'port'], {
        env: { PORT: String(port), HOST: '127.0.0.1' },
      });
      expect(run.code).toBe(1);
      expect(check(healthReportSchema.parse(run.json()), 'port')).toMatchObject({
        status: 'fail',
        finding: expect.stringContaining(`port ${port} is taken by another process`),
        fix: 'docs/troubleshooting.md#port-already-in-use',
      });
    } finally {
      holder.kill();
    }
  });

  it.each([
    ['no docker command on PATH', () => emptyDir(), /Docker is not installed/],
    [
      'a docker client without an engine',
      () => fakeDocker('echo "Cannot connect to the Docker daemon" >&2; exit 1'),
      /no Docker engine reachable/,
    ],
  ])('skips the Docker check cleanly with %s', async (_case, makePath, finding) => {
    const run = await runCli(['--json', '--only', 'docker'], { env: { PATH: makePath() } });
    expect(run.code).toBe(0);
    expect(check(healthReportSchema.parse(run.json()), 'docker')).toMatchObject({
      status: 'skipped',
      finding: expect.stringMatching(finding),
    });
  });

  it('fails the Docker check for a restarting gateway container', async () => {
    const path = fakeDocker(
      [
        'case "$1" in',
        '  version) echo 27.0.1 ;;',
        '  ps) printf "abc123\\tgeminicli2api-gateway-1\\tgeminicli2api:latest\\n" ;;',
        `  inspect) printf '%s\\t%s\\n' '{"Status":"restarting","ExitCode":2,"Health":{"Status":"unhealthy"}}' 7 ;;`,
        'esac',
      ].join('\n'),
    );
    const run = await runCli(['--json', '--only', 'docker'], { env: { PATH: path } });
    expect(run.code).toBe(1);
    expect(check(healthReportSchema.parse(run.json()), 'docker')).toMatchObject({
      status: 'fail',
      finding: expect.stringContaining('keeps restarting (restarting, 7 restarts'),
      fix: 'docs/troubleshooting.md#container-keeps-restarting',
    });
  });

  it.each([
    [['--only', 'nonsense'], /unknown check nonsense/],
    [['--wait', 'soon'], /--wait needs a number/],
    [['--url', 'localhost:8888'], /--url must be an http\(s\) URL/],
    [['--frobnicate'], /Unknown option/],
  ])('exits 2 on the usage error %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('warnings fail the run only with --strict', async () => {
    const env = { GEMINI_AUTH_PASSWORD: 'long-enough-password' };
    const cwd = emptyDir();
    writeFileSync(join(cwd, '.env'), 'LOG_LEVEL = info\n');
    const relaxed = await runCli(['--json', '--only', 'config'], { env, cwd });
    const strict = await runCli(['--json', '--only', 'config', '--strict'], { env, cwd });
    expect([relaxed.code, strict.code]).toEqual([0, 1]);
    expect(check(healthReportSchema.parse(strict.json()), 'config')?.status).toBe('warn');
  });
});

/** A directory holding only a fake `docker` script (so PATH finds it and nothing else). */
function fakeDocker(body: string): string {
  const dir = join(emptyDir(), 'bin');
  mkdirSync(dir);
  writeFileSync(join(dir, 'docker'), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, 'docker'), 0o755);
  return dir;
}
