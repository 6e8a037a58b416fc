import { Router } from 'express';

/** What `/health` and `/` report about the backend. */
export interface GatewayStatus {
  /** `ready`: credentials loaded; `no-credentials`: API calls will get 503. */
  backend: 'ready' | 'no-credentials';
  version: string;
  /** Code Assist accounts by state (absent for other backends). */
  accounts?: AccountCounts | undefined;
  /** Database, usage ledger and Redis state (store/gateway-state.ts). */
  storage?: unknown;
}

/** How many accounts can serve, and why the others cannot (never a name or a token). */
export interface AccountCounts {
  total: number;
  /** `ready` (a per-model cooldown aside). */
  usable: number;
  /** The token endpoint or the account setup is failing (timeouts, bad answers); retried. */
  failing: number;
  ineligible: number;
  reloginRequired: number;
}

/** Counts accounts by state for `/health`. */
export function countAccounts(accounts: readonly { state: string }[]): AccountCounts {
  const count = (state: string) => accounts.filter((account) => account.state === state).length;
  return {
    total: accounts.length,
    usable: count('ready'),
    failing: count('failing'),
    ineligible: count('ineligible'),
    reloginRequired: count('relogin-required'),
  };
}

/** `GET /` (service info) and `GET /health` (liveness); neither needs the password. */
export function healthRoutes(getStatus: () => GatewayStatus): Router {
  const router = Router();
  router.get('/health', (_request, response) => {
    const status = getStatus();
    response.json({
      status: 'ok',
      backend: status.backend,
      version: status.version,
      ...(status.accounts ? { accounts: status.accounts } : {}),
      ...(status.storage ? { storage: status.storage } : {}),
    });
  });
  router.get('/', (_request, response) => {
    const status = getStatus();
    response.json({
      name: 'geminicli2api',
      description: 'OpenAI- and Gemini-compatible gateway to Google Gemini',
      version: status.version,
      backend: status.backend,
      endpoints: {
        openai: ['GET /v1/models', 'POST /v1/chat/completions', 'POST /v1/responses'],
        health: 'GET /health',
      },
      authentication:
        'Authorization: Bearer <password>, Basic auth, x-goog-api-key header or ?key= query parameter',
    });
  });
  return router;
}
