import { GatewayError } from '../gateway-error';
import type { GatewayResponse } from '../http/gateway-response';
import { contextOf } from '../middleware/request-context';
import type { KeyRegistry } from './key-registry';
import { KEY_PREFIX } from './key-secret';

/**
 * Decides a presented credential that looks like a client key (`g2a-…`): undefined when it does
 * not (the password check goes on), null when it is a valid key (the request's context learns
 * who it is and its limits), or the 401 to answer.
 */
export type ClientKeyCheck = (
  presented: string,
  response: GatewayResponse | undefined,
) => GatewayError | null | undefined;

/** The check `passwordCheck` consults for `g2a-…` credentials. */
export function clientKeyCheck(registry: KeyRegistry): ClientKeyCheck {
  return function checkClientKey(presented, response) {
    if (!presented.startsWith(KEY_PREFIX)) return undefined;
    const verdict = registry.verify(presented);
    if (verdict.kind !== 'valid') {
      return new GatewayError({
        code: 'UNAUTHORIZED',
        status: 401,
        message:
          verdict.kind === 'unknown'
            ? 'Incorrect API key: no such g2a- key exists. Check the key (it is shown only once, when created).'
            : `This API key was ${verdict.kind === 'revoked' ? 'revoked' : 'valid until its expiry time, which has passed'}; ask the gateway's operator for a new one.`,
      });
    }
    const context = response ? contextOf(response) : undefined;
    if (context) {
      const { record, limits } = verdict.key;
      context.principal = {
        id: record.id,
        name: record.name,
        limits,
        setHeaders(headers) {
          if (!response || response.headersSent) return;
          for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        },
      };
    }
    return null;
  };
}
