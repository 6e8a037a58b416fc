import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  parseCredentialsJson,
  saveCredentialsFile,
  type LoadedCredentials,
} from '@geminicli2api/oauth-store';
import type { Config } from '../config';
import { GatewayError } from '../gateway-error';
import { startManualLogin, TokenEndpointUnavailable, type LoginClient } from '../login/oauth-login';
import { defaultCredentialsPath } from '../login/run-login';

const LOGIN_TTL_MS = 10 * 60_000;
const MAX_PENDING = 20;

interface Pending {
  complete(code: string): ReturnType<ReturnType<typeof startManualLogin>['complete']>;
  expires: number;
}

/**
 * Adding a Code Assist account from the browser: the gateway's own `--no-browser` login (PKCE,
 * Google's consent page shows a code), started by the console; the pasted code is exchanged, the
 * credentials saved like `npm run login` does (atomically, mode 0600) and, when the gateway runs
 * Code Assist, the account joins the pool at once (else a restart picks it up).
 */
export function createConsoleLogins(
  config: Config,
  homeDir: string,
  /** Serves with the saved account at once; false when it cannot (restart needed). */
  addAccount: (loaded: LoadedCredentials) => boolean = () => false,
  /** The gateway's outbound fetch (HTTP_PROXY, HTTPS_PROXY…); default: the global one. */
  fetch?: typeof globalThis.fetch,
  now: () => number = Date.now,
) {
  const pending = new Map<string, Pending>();
  const client: LoginClient = {
    clientId: config.oauthClientId,
    clientSecret: config.oauthClientSecret,
    tokenUrl: config.oauthTokenUrl,
    fetch,
    timeoutMs: config.timeouts.accountMs,
    timeoutSetting: 'UPSTREAM_ACCOUNT_TIMEOUT_MS',
  };
  const sweep = (): void => {
    for (const [id, login] of pending) if (login.expires <= now()) pending.delete(id);
  };
  return {
    /** A new login: the consent URL to open and the id to complete it with. */
    start(): { login_id: string; auth_url: string; expires_at: string } {
      sweep();
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value ?? '');
      const login = startManualLogin(client);
      const id = randomBytes(16).toString('base64url');
      const expires = now() + LOGIN_TTL_MS;
      pending.set(id, { complete: login.complete, expires });
      return { login_id: id, auth_url: login.authUrl, expires_at: new Date(expires).toISOString() };
    },
    /** Exchanges the pasted code and saves the credentials; where they went. */
    async complete(
      id: string,
      code: string,
    ): Promise<{ saved_as: string; added: boolean; restart_required: boolean }> {
      sweep();
      const login = pending.get(id);
      if (!login)
        throw new GatewayError({
          code: 'NOT_FOUND',
          status: 404,
          message: 'This login expired or is unknown. Start adding the account again.',
        });
      pending.delete(id);
      let tokens;
      try {
        tokens = await login.complete(code);
      } catch (error) {
        if (error instanceof TokenEndpointUnavailable)
          throw new GatewayError({
            code: 'UPSTREAM_UNREACHABLE',
            status: 503,
            message: error.message,
          });
        throw new GatewayError({
          code: 'INVALID_REQUEST',
          status: 400,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      const path = defaultCredentialsPath(config, tokens, homeDir);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const credentials = parseCredentialsJson(JSON.stringify(tokens), path);
      await saveCredentialsFile(path, credentials);
      const added = addAccount({ credentials, source: { kind: 'file', path } });
      return { saved_as: basename(path), added, restart_required: !added };
    },
  };
}

export type ConsoleLogins = ReturnType<typeof createConsoleLogins>;
