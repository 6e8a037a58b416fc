import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ScriptedFault,
} from '@geminicli2api/emulator';
import { chat, FAST_RETRIES, waitFor } from './support/resilience-helpers';
import { startGateway, type RunningGateway } from './support/start-gateway';
import { demoCredentials, type Stack } from './support/start-stack';

/**
 * Emulator with `faults` queued *before* the gateway starts (its start-up account setup meets
 * them too), then the gateway with a short UPSTREAM_ACCOUNT_TIMEOUT_MS.
 */
async function startWithFaults(
  faults: ScriptedFault[],
  env: Record<string, string> = {},
  emulatorOptions: EmulatorOptions = {},
): Promise<{ emulator: Emulator; gateway: RunningGateway; stack: Stack }> {
  const emulator = await startEmulator(emulatorOptions);
  for (const fault of faults) emulator.script(fault);
  const gateway = await startGateway({
    ...FAST_RETRIES,
    CODE_ASSIST_ENDPOINT: emulator.url,
    GEMINI_CREDENTIALS: demoCredentials(emulator),
    UPSTREAM_ACCOUNT_TIMEOUT_MS: '400',
    ...env,
  });
  const stack: Stack = {
    emulator,
    url: gateway.url,
    password: gateway.password,
    logs: gateway.logs,
    close: async () => {
      await gateway.close();
      await emulator.close();
    },
  };
  return { emulator, gateway, stack };
}

const hang = (
  method: 'token' | 'loadCodeAssist' | 'onboardUser' | 'retrieveUserQuota',
): ScriptedFault => ({
  kind: 'hang',
  times: Infinity,
  match: { method },
});

/** /status lists the only account as failing with `problem`, and /health counts it failing. */
async function expectAccountFailing(gateway: RunningGateway, problem: RegExp): Promise<void> {
  const status = await gateway.getJson('/status');
  expect(status.body).toMatchObject({
    accounts: [{ state: 'failing', problem: expect.stringMatching(problem) }],
    summary: { total: 1, ready: 0 },
  });
  const health = (await (await fetch(`${gateway.url}/health`)).json()) as unknown;
  expect(health).toMatchObject({ accounts: { total: 1, usable: 0, failing: 1 } });
}

describe('every account call to Google has a deadline (issue 22 item 1)', () => {
  let running: Awaited<ReturnType<typeof startWithFaults>> | undefined;
  afterEach(async () => {
    await running?.stack.close();
    running = undefined;
  });

  it('a token endpoint that never answers: every waiter gets a 503 naming the step and the setting; /status and /health show the account failing', async () => {
    const started = Date.now();
    running = await startWithFaults([hang('token')]);
    const { stack } = running;
    const answers = await Promise.all([1, 2, 3].map(() => chat(stack)));
    expect(Date.now() - started).toBeLessThan(5000);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.text).error.message).toMatch(
        /token endpoint \(127\.0\.0\.1:\d+\) did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/,
      );
    }
    const status = await running.gateway.getJson('/status');
    expect(status.body).toMatchObject({
      accounts: [{ state: 'failing', problem: expect.stringMatching(/did not answer/) }],
      summary: { total: 1, ready: 0 },
    });
    const health = (await (await fetch(`${running.gateway.url}/health`)).json()) as unknown;
    expect(health).toMatchObject({ accounts: { total: 1, usable: 0, failing: 1 } });
  });

  it('a loadCodeAssist that never answers: 503 naming loadCodeAssist and the setting; /status and /health show the account failing', async () => {
    running = await startWithFaults([hang('loadCodeAssist')]);
    const answer = await chat(running.stack);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).error.message).toMatch(
      /Code Assist \(loadCodeAssist\) did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/,
    );
    await expectAccountFailing(running.gateway, /loadCodeAssist\) did not answer/);
  });

  it('an onboardUser that never answers (a new account): 503 naming onboardUser and the setting; the account shows failing', async () => {
    const started = Date.now();
    running = await startWithFaults(
      [hang('onboardUser')],
      {},
      {
        // The demo account as a new user: setup must onboard it.
        accounts: [{ refreshToken: 'demo-refresh-token', onboarded: false, tier: 'free-tier' }],
      },
    );
    const answer = await chat(running.stack);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text).error.message).toMatch(
      /Code Assist \(onboardUser\) did not answer within 0\.4 s \(UPSTREAM_ACCOUNT_TIMEOUT_MS\)/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    const paths = running.emulator.requests.map((request) => request.path);
    expect(paths).toContain('/v1internal:onboardUser');
    await expectAccountFailing(running.gateway, /onboardUser\) did not answer/);
  });

  it('a first retrieveUserQuota that never answers does not hold requests: they are served', async () => {
    running = await startWithFaults([hang('retrieveUserQuota')]);
    const answer = await chat(running.stack);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).choices[0].message.content).toContain('Echo: hello');
    // …and the quota call itself is given up at its deadline, not left hanging.
    const given = await waitFor(() =>
      /quota not retrieved[^\n]*did not answer within 0\.4 s/.test(running?.stack.logs() ?? ''),
    );
    expect(given).toBe(true);
  });

  it('a client that leaves while its request waits on account setup frees its concurrency slot at once', async () => {
    running = await startWithFaults([hang('token')], {
      UPSTREAM_ACCOUNT_TIMEOUT_MS: '2000',
      UPSTREAM_MAX_CONCURRENCY: '1',
      UPSTREAM_QUEUE_SIZE: '0',
    });
    const leaving = new AbortController();
    const first = chat(running.stack, { signal: leaving.signal }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    leaving.abort();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Before the fix the slot stayed taken by the departed client: this got 429 "queue is full".
    const second = await chat(running.stack);
    expect(second.status).toBe(503);
    expect(JSON.parse(second.text).error.message).toMatch(/token endpoint .*did not answer/);
  });
});
