import express, { Router, type NextFunction, type Request } from 'express';
import type { ZodType } from 'zod';
import { GatewayError } from '../gateway-error';
import { KeyConflictError, type KeyRepository } from '../keys/key-repository';
import type { KeyRegistry } from '../keys/key-registry';
import {
  createKeyInputSchema,
  describeInputProblems,
  updateKeyInputSchema,
} from '../keys/key-input';
import type { StoreDb } from '../store/store-schema';
import { recentRequests, USAGE_GROUPS, usageSummary, type UsageGroup } from '../usage/usage-query';
import type { UsageLedger } from '../usage/usage-ledger';
import { adminDenial } from './admin-auth';

/** What the admin API works on. */
export interface AdminRoutesOptions {
  adminPassword: string;
  db: StoreDb;
  keys: KeyRepository;
  registry: KeyRegistry;
  /** Flushed before usage queries, so they include the latest requests. */
  ledger: UsageLedger | undefined;
  /** Extra admission (the console session, at merge): true lets the request in. */
  alsoAdmit?: (request: Request) => boolean;
  /** Which database answers (named when it fails): engine and a location without secrets. */
  database?: { engine: string; location: string };
}

const DAY_MS = 86_400_000;

/** `/admin/keys`, `/admin/usage`, `/admin/requests` (docs/api.md), for the admin password only. */
export function adminRoutes(options: AdminRoutesOptions): Router {
  const { keys, registry, db, ledger } = options;
  const router = Router();
  router.use('/admin', (request, _response, next) => {
    if (options.alsoAdmit?.(request)) return next();
    next(adminDenial(request, options.adminPassword));
  });
  router.use('/admin', express.json({ limit: '1mb' }));

  router.get('/admin/keys', async (_request, response) => {
    response.json({ data: await keys.views() });
  });
  router.post('/admin/keys', async (request, response) => {
    const input = parse(createKeyInputSchema, request.body);
    const created = await guard(() => keys.create(input));
    registry.put(created.record);
    response.status(201).json({ key: created.key, ...(await keys.view(created.record.id)) });
  });
  router.patch('/admin/keys/:id', async (request, response) => {
    const input = parse(updateKeyInputSchema, request.body);
    const record = await guard(() => keys.update(String(request.params['id']), input));
    registry.put(record);
    response.json(await keys.view(record.id));
  });
  router.delete('/admin/keys/:id', async (request, response) => {
    const record = await guard(() => keys.revoke(String(request.params['id'])));
    registry.put(record);
    response.json(await keys.view(record.id));
  });

  router.get('/admin/usage', async (request, response) => {
    const now = Date.now();
    const from = timeParam(request, 'from', new Date(now - 7 * DAY_MS));
    const to = timeParam(request, 'to', new Date(now + 1));
    const groupBy = groupParam(request);
    await ledger?.flush();
    const data = await usageSummary(db, { from, to, groupBy });
    response.json({ from: from.toISOString(), to: to.toISOString(), group_by: groupBy, data });
  });
  router.get('/admin/requests', async (request, response) => {
    const raw = request.query['limit'];
    const limit = raw === undefined ? 100 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw invalid('limit must be a whole number from 1 to 1000.', 'limit');
    await ledger?.flush();
    response.json({ data: await recentRequests(db, limit) });
  });
  router.use(
    '/admin',
    (error: unknown, _request: Request, _response: unknown, next: NextFunction) =>
      next(storageFailure(error, options.database)),
  );
  return router;
}

const ENGINE_NAMES: Record<string, string> = { postgres: 'PostgreSQL', sqlite: 'SQLite' };

/**
 * What the admin API answers when its database fails (down, a table gone, a disk error): a 503
 * naming the database, not a 500. The gateway's own errors and express's (a bad JSON body) pass.
 */
export function storageFailure(
  error: unknown,
  database: { engine: string; location: string } | undefined,
): unknown {
  if (GatewayError.isInstance(error) || hasHttpStatus(error)) return error;
  const engine = database ? (ENGINE_NAMES[database.engine] ?? database.engine) : 'the database';
  const where = database ? ` at ${database.location}` : '';
  const reason = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
  return new GatewayError({
    code: 'STORAGE_UNAVAILABLE',
    status: 503,
    cause: error,
    message:
      `The database (${engine}${where}) did not answer: ${reason}. Keys and usage cannot be read ` +
      'or changed until it is back; model requests are still served.',
  });
}

function hasHttpStatus(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown; statusCode?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function parse<T>(schema: ZodType<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('The body must be a JSON object.', null);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(describeInputProblems(parsed.error), null);
  return parsed.data;
}

async function guard<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof KeyConflictError)
      throw new GatewayError({
        code: error.kind === 'not-found' ? 'NOT_FOUND' : 'INVALID_REQUEST',
        status: error.kind === 'not-found' ? 404 : 409,
        message: error.message,
      });
    throw error;
  }
}

function invalid(message: string, param: string | null): GatewayError {
  return new GatewayError({ code: 'INVALID_REQUEST', status: 400, message, param });
}

function timeParam(request: Request, name: string, fallback: Date): Date {
  const raw = request.query[name];
  if (raw === undefined || raw === '') return fallback;
  const time = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(time.getTime()))
    throw invalid(`${name} must be an ISO-8601 time such as 2030-01-31T00:00:00Z.`, name);
  return time;
}

function groupParam(request: Request): UsageGroup[] {
  const raw = request.query['group_by'];
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string')
    throw invalid('group_by must be a comma-separated list.', 'group_by');
  const groups = raw.split(',').map((group) => group.trim());
  const unknown = groups.filter((group) => !(USAGE_GROUPS as readonly string[]).includes(group));
  if (unknown.length > 0)
    throw invalid(
      `group_by may hold ${USAGE_GROUPS.join(', ')}; not ${unknown.join(', ')}.`,
      'group_by',
    );
  return [...new Set(groups)] as UsageGroup[];
}
