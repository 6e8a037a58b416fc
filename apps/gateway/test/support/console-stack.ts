import { AUTHORIZATION_CODE_PREFIX, startEmulator, type Emulator } from '@geminicli2api/emulator';

/** The authorization code the emulator exchanges for the third account's tokens. */
export const NEW_ACCOUNT_CODE = `${AUTHORIZATION_CODE_PREFIX}acct-new`;
import { writeAccountDir } from './account-files';
import { consoleBundleDir } from './console-bundle';
import { startGateway, type RunningGateway } from './start-gateway';

/**
 * An emulator with two Code Assist accounts (the first cooling down for gemini-2.5-pro) and a
 * gateway on them; a third emulator account (`acct-new`) is what a console sign-in can add
 * (authorization code `${AUTHORIZATION_CODE_PREFIX}acct-new`, token endpoint = the emulator).
 */
export interface ConsoleStack {
  emulator: Emulator;
  gateway: RunningGateway;
  /** Where the accounts' credential files are (GEMINI_CREDENTIALS_DIR). */
  accountDir: string;
  close(): Promise<void>;
}

interface AccountsBody {
  data: { label: string; quota: unknown; cooldowns: unknown[] }[];
}

/**
 * Starts the stack and waits until the gateway set both accounts up and read their quota: the
 * first has no gemini-2.5-pro quota left until an hour from now (so it is cooling down for it),
 * the second has most of its quota.
 */
export async function startConsoleStack(
  env: Record<string, string> | ((emulator: Emulator) => Record<string, string>) = {},
): Promise<ConsoleStack> {
  const reset = new Date(Date.now() + 60 * 60_000).toISOString();
  const emulator = await startEmulator({
    accounts: [
      {
        refreshToken: 'acct-a',
        project: 'project-alpha',
        tier: 'free-tier',
        quota: {
          'gemini-2.5-pro': { remainingFraction: 0, resetTime: reset },
          'gemini-2.5-flash': { remainingFraction: 0.35, resetTime: reset },
        },
      },
      {
        refreshToken: 'acct-b',
        project: 'project-beta',
        tier: 'standard-tier',
        quota: { 'gemini-2.5-pro': { remainingFraction: 0.8 } },
      },
      // Not in the account directory: the one a console sign-in adds.
      {
        refreshToken: 'acct-new',
        project: 'project-gamma',
        tier: 'standard-tier',
        email: 'new-account@example.test',
      },
    ],
  });
  const accountDir = await writeAccountDir(emulator.tokenUrl, ['acct-a', 'acct-b']);
  const gateway = await startGateway(
    {
      GEMINI_CREDENTIALS_DIR: accountDir,
      CODE_ASSIST_ENDPOINT: emulator.url,
      GEMINI_ACCOUNT_SELECTION: 'fill-first',
      GEMINI_OAUTH_TOKEN_URL: emulator.tokenUrl,
      GEMINI_MODEL_ALIASES: 'gpt-4o=gemini-2.5-pro,gpt-4o-mini=gemini-2.5-flash-nothinking',
      // A chain the tests' own requests never start (they use gemini-2.5-pro and -flash directly).
      MODEL_FALLBACKS: 'gemini-3-pro-preview>gemini-2.5-pro>gemini-2.5-flash',
      ...(typeof env === 'function' ? env(emulator) : env),
    },
    undefined,
    undefined,
    // The console as its sources are now, not whatever dist/console holds.
    await consoleBundleDir(),
  );
  for (let attempt = 0; ; attempt++) {
    const { body } = await gateway.getJson('/admin/accounts');
    const accounts = (body as AccountsBody).data;
    if (accounts.length === 2 && accounts.every((account) => account.quota !== null)) break;
    if (attempt > 100) throw new Error(`accounts never got their quota: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    emulator,
    gateway,
    accountDir,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** Signs in over HTTP: the session cookie (`name=value`) and the CSRF token from the shell page. */
export async function signIn(
  url: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const shell = await (await fetch(`${url}/console/`, { headers: { cookie } })).text();
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(shell)?.[1] ?? '';
  return { cookie, csrf };
}

/** The console's add-account flow, signed in: `start` a login, `complete` it with a code. */
export async function consoleLogins(url: string, password: string) {
  const { cookie, csrf } = await signIn(url, password);
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  return {
    /** A new login's id. */
    async start(): Promise<string> {
      const started = await fetch(`${url}/console/api/accounts/login`, { method: 'POST', headers });
      return ((await started.json()) as { login_id: string }).login_id;
    },
    complete: (id: string, code: string, init: RequestInit = {}) =>
      fetch(`${url}/console/api/accounts/login/${id}/complete`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ code }),
        ...init,
      }),
  };
}
