import { keyLimits } from '../../src/limits/enforce-limits';
import type { RequestContext } from '../../src/middleware/request-context';

/** A request context carrying a client key with `limits`, and the headers admission sets. */
export function keyContext(limits: Parameters<typeof keyLimits>[0]): {
  context: RequestContext;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  return {
    headers,
    context: {
      requestId: 'r',
      retries: 0,
      stream: false,
      principal: {
        id: limits.id,
        name: 'k',
        limits: keyLimits(limits),
        setHeaders: (set) => Object.assign(headers, set),
      },
    },
  };
}
