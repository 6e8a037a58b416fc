import type { TokenProvider } from '@geminicli2api/oauth-store';
import type { SharedAccountState, SharedToken } from '../shared/shared-accounts';

const MARGIN_MS = 5 * 60_000;

/**
 * Wraps an account's token provider so replicas share refreshes (REDIS_URL): an expiring token
 * is replaced by one another replica already refreshed, or refreshed here under the account's
 * lock; a forced refresh (after a 401) skips the rejected token. Concurrent callers in this
 * process share one attempt.
 */
export function coordinatedTokens(
  local: TokenProvider,
  accountId: string,
  shared: SharedAccountState,
  onToken: (accessToken: string) => void,
): TokenProvider {
  let adopted: SharedToken | undefined;
  let inFlight: Promise<string> | undefined;
  const refreshHere = async (): Promise<SharedToken> => {
    const accessToken = await local.refresh();
    return { accessToken, expiryDate: local.credentials.expiryDate };
  };
  const run = (stale: string | undefined): Promise<string> => {
    inFlight ??= shared
      .refreshToken(accountId, refreshHere, stale)
      .then((token) => {
        adopted = token;
        onToken(token.accessToken);
        return token.accessToken;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  const current = (): SharedToken =>
    adopted ?? {
      accessToken: local.credentials.accessToken ?? '',
      expiryDate: local.credentials.expiryDate,
    };
  return {
    get credentials() {
      return adopted
        ? { ...local.credentials, accessToken: adopted.accessToken, ...expiry(adopted) }
        : local.credentials;
    },
    async getAccessToken() {
      const { accessToken, expiryDate } = current();
      const fresh =
        accessToken && (expiryDate === undefined || expiryDate - Date.now() > MARGIN_MS);
      if (fresh && !inFlight) return accessToken;
      return run(undefined);
    },
    refresh() {
      return run(current().accessToken);
    },
  };
}

function expiry(token: SharedToken): { expiryDate?: number } {
  return token.expiryDate === undefined ? {} : { expiryDate: token.expiryDate };
}
