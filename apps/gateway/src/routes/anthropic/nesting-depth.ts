import { GatewayError } from '../../gateway-error';

/** Deeper than any real request (Claude Code's tool schemas nest about 10 levels). */
export const MAX_NESTING_DEPTH = 512;

/**
 * Throws a 400 when `value` nests arrays/objects deeper than `limit`. Iterative, so a hostile
 * body cannot overflow the stack here — it would further on (schema normalising, serialising)
 * and answer 500.
 */
export function assertNestingDepth(value: unknown, limit = MAX_NESTING_DEPTH): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) {
      throw new GatewayError({
        code: 'INVALID_REQUEST',
        status: 400,
        message: `The request body nests objects or arrays more than ${limit} levels deep.`,
      });
    }
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}
