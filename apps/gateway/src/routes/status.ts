import { Router } from 'express';
import type { AccountStatus } from '../accounts/code-assist-pool';
import type { ApiKeyStatus } from '../upstream/api-key-selector';

/** What `GET /status` reports. */
export interface StatusSource {
  backend: string;
  failoverToApiKey: boolean;
  accounts: (() => AccountStatus[]) | undefined;
  /** Gemini API keys by fingerprint (never the key). */
  apiKeys?: (() => ApiKeyStatus[]) | undefined;
}

/**
 * `GET /status` (behind authentication): the backend and, for Code Assist, each account with its
 * state, project, tier, eligibility problem, cooldowns, quota and counters. Never a token.
 */
export function statusRoute(getSource: () => StatusSource): Router {
  const router = Router();
  router.get('/status', (_request, response) => {
    const source = getSource();
    const accounts = source.accounts?.() ?? [];
    response.json({
      backend: source.backend,
      failoverToApiKey: source.failoverToApiKey,
      accounts,
      ...(source.apiKeys ? { apiKeys: source.apiKeys() } : {}),
      summary: {
        total: accounts.length,
        ready: accounts.filter(
          (account) => account.state === 'ready' && account.cooldowns.length === 0,
        ).length,
      },
    });
  });
  return router;
}
