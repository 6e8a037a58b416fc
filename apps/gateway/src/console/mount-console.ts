import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import express, { type Express } from 'express';
import type { ManagedCredentials } from '../accounts/managed-credentials';
import { accountsAdminRoute } from '../admin/accounts-route';
import type { Config } from '../config';
import type { GatewayError } from '../gateway-error';
import { passwordCheck } from '../middleware/authenticate';
import { resolveFallbackChains } from '../models/model-fallbacks';
import { consoleApi } from './console-api';
import { loadConsoleAssets } from './console-assets';
import { createConsoleLogins } from './console-login';
import { consoleRoutes } from './console-routes';
import { attachConsoleSessions, createConsoleSessions } from './console-session';
import type { DependencyHealth } from './dependency-health';
import { TrafficRecorder } from './traffic-recorder';

/** Options of {@link mountConsole}. */
export interface MountConsoleOptions {
  config: Config;
  /** The admin password: the only credential (with a console session) that opens them. */
  password: string;
  version: string;
  homeDir: string;
  /** The outbound fetch (proxy-aware) for the add-account code exchange; default: the global one. */
  fetch?: typeof globalThis.fetch;
  catalog: GeminiModelCatalog;
  managed: ManagedCredentials;
  backend: () => { kind: string; state: string; failoverToApiKey: boolean };
  /**
   * Whether the client keys and usage API (/admin/keys, /admin/usage, /admin/requests) exists;
   * default: detected from the express routes once the app is complete.
   */
  keysApi?: boolean;
  /** Health of the other dependencies (database, Redis…) for the overview; default: none used. */
  dependencies?: () => Promise<DependencyHealth[]>;
  /** The built console bundle's directory; default: next to the gateway (dist/console). */
  assetsDir?: string;
}

const NOT_HERE: DependencyHealth[] = [
  {
    name: 'database',
    state: 'not-configured',
    detail: 'This gateway keeps no database.',
    reason: { code: 'database-not-used', values: {} },
  },
  {
    name: 'redis',
    state: 'not-configured',
    detail: 'This gateway uses no Redis.',
    reason: { code: 'redis-not-used', values: {} },
  },
];

/**
 * Mounts `/console` (when `CONSOLE_ENABLED`) and `/admin/accounts` on the express app, before
 * the password check (each checks its own: a console session, or the admin password or a
 * session). Returns what the gateway calls on every request: count API traffic for the
 * overview charts and let `/admin` and `/console` read the session.
 */
export function mountConsole(
  app: Express,
  options: MountConsoleOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const traffic = new TrafficRecorder();
  const sessions = options.config.console.enabled
    ? createConsoleSessions(options.password)
    : undefined;
  // Its own check of the admin password: whatever else opens the API (client keys) never opens these.
  const adminPassword = passwordCheck(options.password);
  const authorize = (request: IncomingMessage): GatewayError | undefined =>
    sessions?.read(request) ? undefined : adminPassword(request);
  app.use(accountsAdminRoute(options.managed, authorize));
  if (sessions) {
    const api = express.Router();
    api.use(express.json({ limit: '16kb' }));
    api.use(
      consoleApi({
        backend: options.backend,
        version: options.version,
        startedAt: Date.now(),
        managed: options.managed,
        catalog: options.catalog,
        // The same chains the gateway serves with (create-gateway resolved them already).
        fallbacks: resolveFallbackChains(options.catalog, options.config.modelFallbacks),
        traffic,
        logins: createConsoleLogins(
          options.config,
          options.homeDir,
          (loaded) => options.managed.codeAssist?.add(loaded) ?? false,
          options.fetch,
        ),
        extraHealth: options.dependencies ?? (() => Promise.resolve(NOT_HERE)),
        features: () => ({ keys: options.keysApi ?? hasKeysRoute(app) }),
      }),
    );
    app.use(
      consoleRoutes({
        password: options.password,
        sessions,
        assets: loadConsoleAssets(options.assetsDir ? [options.assetsDir] : undefined),
        version: options.version,
        api,
      }),
    );
  }
  if (!sessions) return () => undefined;
  return (request, response) => {
    traffic.track(request, response);
    const url = request.url ?? '';
    if (url.startsWith('/admin') || url.startsWith('/console'))
      attachConsoleSessions(request, sessions);
  };
}

interface Layer {
  route?: { path?: unknown };
  handle?: { stack?: Layer[] };
}

/**
 * True when some router of the app (at any depth) declares `GET /admin/keys` (or `/keys` in a
 * router mounted at /admin): the console's keys pages appear once that API exists.
 */
export function hasKeysRoute(app: Express): boolean {
  const matches = (path: unknown): boolean =>
    typeof path === 'string' ? /(^|\/)keys$/.test(path) : Array.isArray(path) && path.some(matches);
  const visit = (stack: Layer[] | undefined): boolean =>
    (stack ?? []).some((layer) => matches(layer.route?.path) || visit(layer.handle?.stack));
  return visit((app as unknown as { router?: { stack?: Layer[] } }).router?.stack);
}
