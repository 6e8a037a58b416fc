import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseCredentialsJson, saveCredentialsFile } from '@geminicli2api/oauth-store';
import type { Config } from '../config';
import {
  startLoopbackLogin,
  startManualLogin,
  type LoginClient,
  type TokenResponse,
} from './oauth-login';
import { createUpstreamFetch } from '../upstream/undici-fetch';
import { openBrowser } from './open-browser';

/** Options of {@link runLogin}. */
export interface RunLoginOptions {
  config: Config;
  noBrowser: boolean;
  port?: number | undefined;
  /** Where to write the credentials; default from the config (see {@link defaultCredentialsPath}). */
  output?: string | undefined;
  input?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  /** Opens the sign-in page (default: the desktop's browser); resolves false when it could not. */
  openUrl?: (url: string) => Promise<boolean>;
}

/** Where a login writes: a new file in GEMINI_CREDENTIALS_DIR, the configured file, or ~/.gemini/oauth_creds.json. */
export function defaultCredentialsPath(
  config: Config,
  tokens: TokenResponse,
  home = homedir(),
): string {
  if (config.backends.credentialsDir)
    return join(
      config.backends.credentialsDir,
      `${emailOf(tokens) ?? `account-${Date.now()}`}.json`,
    );
  return config.credentialsFile ?? join(home, '.gemini', 'oauth_creds.json');
}

/**
 * Runs the interactive login (loopback redirect, or `--no-browser`: print a URL, read the pasted
 * code) and saves the credentials atomically with mode 0600 in gemini-cli's format. Prints only
 * URLs and paths, never a token.
 */
export async function runLogin(options: RunLoginOptions): Promise<string> {
  const { config } = options;
  // The code exchange goes out like every other call to Google: through HTTP(S)_PROXY, bounded.
  const outbound = createUpstreamFetch({
    proxy: config.proxy,
    connectTimeoutMs: config.timeouts.connectMs,
  });
  const client: LoginClient = {
    clientId: config.oauthClientId,
    clientSecret: config.oauthClientSecret,
    tokenUrl: config.oauthTokenUrl,
    fetch: outbound.fetch,
    timeoutMs: config.timeouts.accountMs,
    timeoutSetting: 'UPSTREAM_ACCOUNT_TIMEOUT_MS',
  };
  try {
    return await loginWith(client, options);
  } finally {
    await outbound.dispatcher.close();
  }
}

async function loginWith(
  client: LoginClient,
  {
    config,
    noBrowser,
    port,
    output,
    input = process.stdin,
    stdout: out = process.stdout,
    openUrl = (url) => openBrowser(url),
  }: RunLoginOptions,
): Promise<string> {
  let tokens: TokenResponse;
  if (noBrowser) {
    const manual = startManualLogin(client);
    out.write(
      `\nOpen this URL in any browser, sign in, and copy the code it shows:\n\n  ${manual.authUrl}\n\n`,
    );
    const prompt = createInterface({ input, output: out, terminal: false });
    try {
      const code = await prompt.question('Enter the authorization code: ');
      tokens = await manual.complete(code);
    } finally {
      prompt.close();
    }
  } else {
    const login = await startLoopbackLogin(client, port ?? config.backends.oauthCallbackPort);
    const opened = await openUrl(login.authUrl);
    out.write(
      `\n${opened ? 'Your browser was opened to sign in with Google. If it did not appear, open' : 'Open'} this URL in your browser (waiting on ${login.redirectUri}):\n\n  ${login.authUrl}\n\n`,
    );
    tokens = await login.tokens;
  }
  const path = output ?? defaultCredentialsPath(config, tokens);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await saveCredentialsFile(path, parseCredentialsJson(JSON.stringify(tokens), path));
  out.write(
    `Logged in${emailOf(tokens) ? ` as ${emailOf(tokens)}` : ''}. Credentials saved to ${path} (mode 0600).\n`,
  );
  return path;
}

function emailOf(tokens: TokenResponse): string | undefined {
  const idToken = tokens['id_token'];
  if (typeof idToken !== 'string') return undefined;
  try {
    const payload = JSON.parse(
      Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { email?: unknown };
    return typeof payload.email === 'string' ? payload.email.replace(/[^\w.@+-]/g, '_') : undefined;
  } catch {
    return undefined;
  }
}
