import { Router } from 'express';
import type { AccountStatus } from '../accounts/code-assist-pool';

/** What `GET /status` reports. */
export interface StatusSource {
  backend: string;
  failoverToApiKey: boolean;
  accounts: (() => AccountStatus[]) | undefined;
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
