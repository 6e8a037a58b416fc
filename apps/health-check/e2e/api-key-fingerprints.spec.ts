import { createHash } from 'node:crypto';
import { healthReportSchema } from '../src/report-schema';
import { PASSWORD, startGateway, type GatewayProcess } from './support/gateway-process';
import { runCli } from './support/run-cli';

const GOOD = 'AIzaGoodKey00000000000000000000000000001';
const REVOKED = 'AIzaRevokedKey000000000000000000000000002';
const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 8);

describe('health-check: each Gemini API key by fingerprint (issue 22 item 4)', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({
      emulator: { apiKeys: [GOOD], accounts: [] },
      env: { GEMINI_BACKEND: 'gemini-api', GEMINI_API_KEY: `${GOOD},${REVOKED}` },
    });
  });
  afterAll(() => gateway.stop());

  it('names the key Google refused by its fingerprint, never the key', async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PASSWORD}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gemini-2.5-flash',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      expect(answer.status).toBe(200);
    }
    const run = await runCli(['--json', '--only', 'accounts', '--url', gateway.url], {
      env: gateway.env,
    });
    const report = healthReportSchema.parse(run.json());
    const accounts = report.checks.find((check) => check.name === 'accounts');
    expect(accounts?.status).toBe('warn');
    expect(accounts?.finding).toContain(`1/2`);
    expect(accounts?.finding).toContain(`api-key-2 (sha256 ${fingerprint(REVOKED)})`);
    expect(accounts?.finding).toMatch(/API key not valid/);
    expect(run.stdout + run.stderr).not.toContain(REVOKED);
    expect(run.stdout + run.stderr).not.toContain(GOOD);
  });
});
