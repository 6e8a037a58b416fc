import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { healthReportSchema, type HealthReport } from '../src/report-schema';
import { PASSWORD, startGateway, type GatewayProcess } from './support/gateway-process';
import { emptyDir, runCli } from './support/run-cli';

function statuses(report: HealthReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.name, check.status]));
}

describe('health-check against a running gateway + emulator', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it('is all green: every check passes or is skipped, exit 0, --json matches the schema', async () => {
    const run = await runCli(['--json', '--generate', '--online', '--url', gateway.url], {
      env: gateway.env,
    });
    const report = healthReportSchema.parse(run.json());
    expect(run.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(statuses(report)).toEqual({
      service: 'pass',
      auth: 'pass',
      endpoints: 'pass',
      accounts: expect.stringMatching(/^(pass|skipped)$/),
      config: 'pass',
      credentials: 'pass',
      port: 'pass',
      upstream: 'pass',
      docker: 'skipped',
      streaming: 'pass',
    });
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName['port']?.finding).toContain('held by the gateway itself');
    expect(byName['credentials']?.finding).toContain('token refresh works');
    expect(byName['streaming']?.finding).toMatch(/first byte \d+ ms.*\[DONE\]/);
    expect(
      gateway.emulator.requests.some((request) => request.path.includes('streamGenerateContent')),
    ).toBe(true);
  });

  it('reads the password from .env when the environment sets it empty, as the gateway does', async () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, '.env'), `GEMINI_AUTH_PASSWORD=${PASSWORD}\n`);
    const run = await runCli(['--json', '--only', 'auth', '--url', gateway.url], {
      env: { ...gateway.env, GEMINI_AUTH_PASSWORD: '' },
      cwd,
    });
    expect(statuses(healthReportSchema.parse(run.json()))).toMatchObject({ auth: 'pass' });
  });

  it('prints a plain readable report with a summary line when not on a terminal', async () => {
    const run = await runCli(['--url', gateway.url], { env: gateway.env });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/PASS\s+Service\s+gateway .* is up/);
    expect(run.stdout).toMatch(/SKIP\s+Streaming\s+not checked: pass --generate/);
    expect(run.stdout).toMatch(
      /^HEALTHY\s+\d+ passed, 0 warnings, 0 failed, \d+ skipped in [\d.]+ s$/m,
    );
    expect(run.stderr).toContain('[1/10] Service');
  });

  it('colours the report when FORCE_COLOR is set (as on a terminal)', async () => {
    const run = await runCli(['--url', gateway.url, '--only', 'service'], {
      env: { ...gateway.env, FORCE_COLOR: '1' },
    });
    expect(run.stdout).toContain('\u001b[32m✔ PASS\u001b[39m');
  });

  it('fails authentication with a wrong password and points to the 401 section', async () => {
    const run = await runCli([
      '--json',
      '--url',
      gateway.url,
      '--password',
      'not-the-password',
      '--only',
      'service,auth',
    ]);
    const report = healthReportSchema.parse(run.json());
    expect(run.code).toBe(1);
    expect(report.checks[1]).toMatchObject({
      name: 'auth',
      status: 'fail',
      finding: expect.stringContaining('--password is refused (401)'),
      fix: 'docs/troubleshooting.md#401-unauthorized',
    });
  });

  it('writes a report bundle with env names, versions and redacted log lines, never a secret', async () => {
    const dir = emptyDir();
    const log = join(dir, 'gateway.log');
    const bundlePath = join(dir, 'bundle.json');
    const refresh = 'demo-refresh-token';
    require('node:fs').writeFileSync(
      log,
      `{"message":"start"}\nAuthorization: Bearer ${PASSWORD}\n{"refresh_token":"${refresh}"}\nGET /v1/models?key=${PASSWORD}\n`,
    );
    const run = await runCli(['--url', gateway.url, '--report', bundlePath, '--log-file', log], {
      env: gateway.env,
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const text = readFileSync(bundlePath, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(refresh);
    const bundle = JSON.parse(text);
    expect(bundle.environmentVariables.set).toEqual(
      expect.arrayContaining(['GEMINI_AUTH_PASSWORD', 'GEMINI_CREDENTIALS', 'PORT']),
    );
    expect(bundle.versions).toMatchObject({ gateway: expect.any(String), node: process.version });
    expect(bundle.container).toMatchObject({ status: 'skipped' });
    expect(bundle.log.lines).toHaveLength(4);
    expect(bundle.log.lines[1]).toBe('Authorization: Bearer [REDACTED]');
    expect(healthReportSchema.parse(bundle.report).checks.length).toBe(10);
  });
});

describe('health-check with an ineligible account', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({
      emulator: {
        accounts: [
          {
            refreshToken: 'demo-refresh-token',
            tier: 'free-tier',
            onboarded: false,
            ineligible: [
              {
                reasonCode: 'UNSUPPORTED_CLIENT',
                reasonMessage: 'This client is not supported for individuals.',
                tierId: 'free-tier',
              },
            ],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  it('reports the account problem with the reason and the matching fix link, exit 1', async () => {
    const run = await runCli(['--json', '--generate', '--url', gateway.url, '--skip', 'docker'], {
      env: gateway.env,
    });
    const report = healthReportSchema.parse(run.json());
    expect(run.code).toBe(1);
    const accounts = report.checks.find((check) => check.name === 'accounts');
    const streaming = report.checks.find((check) => check.name === 'streaming');
    expect(accounts).toMatchObject({
      status: 'fail',
      finding: expect.stringMatching(/^no usable account: .*UNSUPPORTED_CLIENT/),
      fix: 'docs/troubleshooting.md#unsupported-client',
    });
    expect(streaming).toMatchObject({
      status: 'fail',
      fix: 'docs/troubleshooting.md#unsupported-client',
    });
  });
});
