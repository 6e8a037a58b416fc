import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import { Router } from 'express';
import { GatewayError } from '../gateway-error';
import { listAccounts, type ManagedCredentials } from '../accounts/managed-credentials';
import type { FallbackChains } from '../models/model-fallbacks';
import type { ConsoleLogins } from './console-login';
import { dependencyHealth, type DependencyHealth } from './dependency-health';
import type { TrafficRecorder } from './traffic-recorder';
import type { ModelRow, Overview } from '../admin/admin-api-types';

/** What the console's own API reads. */
export interface ConsoleApiOptions {
  backend: () => { kind: string; state: string; failoverToApiKey: boolean };
  version: string;
  startedAt: number;
  managed: ManagedCredentials;
  catalog: GeminiModelCatalog;
  /** `MODEL_FALLBACKS`, resolved: primary model id → the models serving after it. */
  fallbacks: FallbackChains;
  traffic: TrafficRecorder;
  logins: ConsoleLogins;
  /** Which optional /admin APIs this gateway has (client keys, usage, requests). */
  features: () => { keys: boolean };
  /** More dependencies to show (a database, Redis…), checked on each overview. */
  extraHealth?: () => Promise<DependencyHealth[]>;
  now?: () => number;
}

/**
 * `/console/api`: the overview (backend, version, uptime, traffic charts, dependency health),
 * the model catalog, and adding a Code Assist account through Google's consent page.
 * Accounts, keys, usage and requests come from `/admin/*`.
 */
export function consoleApi(options: ConsoleApiOptions): Router {
  const now = options.now ?? Date.now;
  const router = Router();
  router.get('/features', (_request, response) => {
    response.json(options.features());
  });
  router.get('/overview', async (_request, response) => {
    const backend = options.backend();
    const accounts = listAccounts(options.managed);
    const extra = (await options.extraHealth?.().catch(() => [])) ?? [];
    response.json({
      backend: backend.kind,
      backend_state: backend.state,
      failover_to_api_key: backend.failoverToApiKey,
      version: options.version,
      started_at: new Date(options.startedAt).toISOString(),
      uptime_seconds: Math.floor((now() - options.startedAt) / 1000),
      accounts: {
        total: accounts.length,
        ready: accounts.filter(
          (account) =>
            !account.disabled && account.state === 'ready' && account.cooldowns.length === 0,
        ).length,
        cooling_down: accounts.filter((account) => account.cooldowns.length > 0).length,
        disabled: accounts.filter((account) => account.disabled).length,
      },
      traffic: {
        hour: options.traffic.series(60, 1),
        day: options.traffic.series(48, 30),
      },
      dependencies: [dependencyHealth(backend, accounts, options.traffic), ...extra],
    } satisfies Overview);
  });
  router.get('/models', (_request, response) => {
    const backend = options.backend();
    const served = backend.failoverToApiKey ? `${backend.kind} → gemini-api` : backend.kind;
    const variants = new Map<string, string[]>();
    for (const entry of options.catalog.list()) {
      if (entry.name === entry.model.id) continue;
      variants.set(entry.model.id, [...(variants.get(entry.model.id) ?? []), entry.name]);
    }
    response.json({
      backend: served,
      data: options.catalog.models.map((model): ModelRow => ({
        id: model.id,
        display_name: model.displayName,
        input_token_limit: model.inputTokenLimit,
        output_token_limit: model.outputTokenLimit,
        thinking: model.thinking,
        variants: variants.get(model.id) ?? [],
        aliases: Object.entries(options.catalog.aliases)
          .filter(([, target]) => target === model.id || target.startsWith(`${model.id}-`))
          .map(([alias, target]) => ({ alias, target })),
        fallbacks: (options.fallbacks.get(model.id) ?? []).map((next) => next.id),
        backend: served,
      })),
    });
  });
  router.post('/accounts/login', (_request, response) => {
    response.status(201).json(options.logins.start());
  });
  router.post('/accounts/login/:id/complete', async (request, response, next) => {
    const code = (request.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || code.trim() === '' || code.length > 2048)
      return next(
        new GatewayError({
          code: 'INVALID_REQUEST',
          status: 400,
          param: 'code',
          message: 'Paste the authorization code Google showed after the consent page.',
        }),
      );
    try {
      response.json(await options.logins.complete(request.params.id, code));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
