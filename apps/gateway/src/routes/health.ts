import { Router } from 'express';

/** What `/health` and `/` report about the backend. */
export interface GatewayStatus {
  /** `ready`: credentials loaded; `no-credentials`: API calls will get 503. */
  backend: 'ready' | 'no-credentials';
  version: string;
  /** Database, usage ledger and Redis state (store/gateway-state.ts). */
  storage?: unknown;
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
        openai: ['GET /v1/models', 'POST /v1/chat/completions'],
        health: 'GET /health',
      },
      authentication:
        'Authorization: Bearer <password>, Basic auth, x-goog-api-key header or ?key= query parameter',
    });
  });
  return router;
}
