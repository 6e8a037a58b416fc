import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { GatewayError } from '../gateway-error';
import {
  listAccounts,
  setAccountDisabled,
  type ManagedCredentials,
} from '../accounts/managed-credentials';

/**
 * `GET /admin/accounts` and `POST /admin/accounts/{id}/disable|enable`: every Code Assist account
 * and Gemini API key by fingerprint with its state, tier, project, cooldowns, quota and counters;
 * disabling sets one aside (in memory, on this replica) until it is enabled again.
 * `authorize` answers undefined for an admin (password or console session), else the error.
 */
export function accountsAdminRoute(
  managed: ManagedCredentials,
  authorize: (request: IncomingMessage) => GatewayError | undefined,
): Router {
  const router = Router();
  router.use('/admin/accounts', (request, _response, next) => next(authorize(request)));
  router.get('/admin/accounts', (_request, response) => {
    response.json({ data: listAccounts(managed) });
  });
  router.post('/admin/accounts/:id/:action', (request, response, next) => {
    const { id = '', action } = request.params;
    if (action !== 'disable' && action !== 'enable') return next();
    const view = setAccountDisabled(managed, id, action === 'disable');
    if (!view)
      return next(
        new GatewayError({
          code: 'NOT_FOUND',
          status: 404,
          message: `No account or API key has the id ${JSON.stringify(id.slice(0, 40))}. GET /admin/accounts lists them.`,
        }),
      );
    response.json(view);
  });
  return router;
}
