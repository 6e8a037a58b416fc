import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on answers no cache should keep: the admin and console JSON (keys,
 * usage, accounts, recent requests), read with the admin password or a console session.
 */
export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('cache-control', 'no-store');
  next();
}
