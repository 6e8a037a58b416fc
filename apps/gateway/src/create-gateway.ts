import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import express from 'express';
import type { Logger } from 'winston';
import type { Config } from './config';
import type { SecretRegistry } from './logger';
import { createHotRoutes } from './http/hot-routes';
import { noStore } from './http/no-store';
import { assertJsonDepth } from './http/json-depth';
import type { StreamSettings } from './http/stream-settings';
import { authenticate, passwordCheck } from './middleware/authenticate';
import { createErrorHandler } from './middleware/error-handler';
import { assignRequestId } from './middleware/request-id';
import { accessLog } from './middleware/access-log';
import { corsMiddleware } from './middleware/cors';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics';
import { metricsRoute } from './routes/metrics';
import { createUpstreamRuntime } from './upstream/create-upstream-runtime';
import { chatCompletionsRoute, createChatCompletionsHandler } from './routes/chat-completions';
import { countAccounts, healthRoutes, type GatewayStatus } from './routes/health';
import { modelsRoute } from './routes/models';
import { embeddingsRoute } from './routes/embeddings/openai-embeddings';
import { imagesRoutes } from './routes/images/images-routes';
import { unknownRoute } from './routes/unknown-route';
import { createGeminiMethodHandler, geminiRoutes } from './routes/gemini-routes';
import { createGeminiErrorHandler } from './middleware/gemini-error-handler';
import { catalogFromConfig } from './models/catalog-from-config';
import { resolveFallbackChains } from './models/model-fallbacks';
import { servingBackend } from './serving-backend';
import { startModelDiscovery } from './models/model-discovery';
import { createBackend } from './create-backend';
import { statusRoute } from './routes/status';
import type { GeminiBackend } from './upstream/gemini-backend';
import { GATEWAY_VERSION } from './gateway-version';
import {
  anthropicHotHandlers,
  anthropicRoutes,
  createAnthropicErrorHandler,
  createAnthropicHandlers,
  toAnthropicErrorResponse,
} from './routes/anthropic';
import { mountConsole } from './console/mount-console';
import { readConsoleSession } from './console/console-session';
import { storageDependencies } from './console/storage-dependencies';
import { createResponsesHandler } from './routes/responses/create-responses-handler';
import { createInputTokensHandler } from './routes/responses/count-input-tokens';
import type { ResponseStore } from './routes/responses/response-store';
import { responsesRoutes } from './routes/responses/responses-routes';
import { chooseResponseStore } from './routes/responses/choose-response-store';
import { createGatewayState } from './store/gateway-state';
import { operatorOnly } from './admin/admin-auth';

/** Inputs of {@link createGateway}. */
export interface CreateGatewayOptions {
  config: Config;
  logger: Logger;
  secrets: SecretRegistry;
  /** Working and home directory for the default credential files (injectable for tests). */
  cwd?: string;
  homeDir?: string;
  /**
   * Base fetch for outbound calls (tests); default: undici with the configured proxy. Either way
   * every backend sends through it with the retry policy, timeouts and concurrency limit (the
   * upstream transport it is handed), and token refresh uses it as is.
   */
  fetch?: typeof globalThis.fetch;
  /** Process metrics (CPU, memory…) in /metrics when METRICS_ENABLED; off in tests. Default true. */
  defaultMetrics?: boolean;
  /** Where Responses API responses are kept (default: in memory, RESPONSES_STORE_*). */
  responseStore?: ResponseStore;
  /** The built console bundle's directory (tests build it from source); default: dist/console. */
  consoleAssetsDir?: string;
}

/** A ready-to-listen gateway. */
export interface Gateway {
  /** The request listener for `http.createServer`. */
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** The password clients must present (generated when the config had none). */
  password: string;
  passwordGenerated: boolean;
  status: GatewayStatus;
  /** Undefined with METRICS_ENABLED=false: nothing is counted that nobody can read. */
  metrics: GatewayMetrics | undefined;
  /** Releases pooled upstream connections (call after the HTTP server closed). */
  close(): Promise<void>;
}

/**
 * Builds the gateway: loads credentials (a broken source is an error; no source at all still
 * starts, answering API calls with 503 and instructions), then wires the express app.
 */
export async function createGateway({
  config,
  logger,
  secrets,
  cwd = process.cwd(),
  homeDir = homedir(),
  fetch: baseFetch,
  defaultMetrics = true,
  responseStore,
  consoleAssetsDir,
}: CreateGatewayOptions): Promise<Gateway> {
  const metrics = config.metrics.enabled ? createGatewayMetrics({ defaultMetrics }) : undefined;
  const upstream = createUpstreamRuntime({ config, metrics, baseFetch });
  const catalog = catalogFromConfig(config);
  const passwordGenerated = config.authPassword === undefined;
  const password = config.authPassword ?? randomBytes(24).toString('base64url');
  secrets.add(password);
  secrets.add(config.credentialsJson);

  const state = await createGatewayState({
    config,
    logger,
    cwd,
    metrics,
    backendName: () => setup.kind,
  });
  const setup = await createBackend({
    config,
    logger,
    secrets,
    cwd,
    homeDir,
    transport: upstream.transport,
    shared: state.sharedAccounts,
  }).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const client: GeminiBackend | undefined = setup.backend;
  if (setup.accounts) metrics?.trackAccounts(setup.accounts);
  if (!client)
    logger.warn('no credentials found; API calls will answer 503 until credentials are provided');
  const status: GatewayStatus = {
    backend: client ? 'ready' : 'no-credentials',
    version: GATEWAY_VERSION,
  };
  const discovery = startModelDiscovery({
    backend: client,
    directory: catalog,
    intervalMs: config.modelDiscoveryIntervalMs,
    logger,
  });
  // The first list is usually there in milliseconds; a slow upstream delays the start by 2 s at most.
  await discovery.firstRead(2000);
  const getClient = servingBackend(client, {
    catalog,
    chains: resolveFallbackChains(catalog, config.modelFallbacks),
    logger,
    metrics,
    windows: state.windows,
  });

  const trackRequest = accessLog({ logger, metrics });
  // Every handler that streams gets these (keepalive, dropping clients that stopped reading).
  const stream: StreamSettings = {
    keepaliveMs: config.sseKeepaliveMs,
    clientStallTimeoutMs: config.clientStallTimeoutMs,
  };
  const cors = corsMiddleware(config.corsOrigins);
  const checkPassword = passwordCheck(password, state.clientKeyCheck);
  const handleChat = createChatCompletionsHandler({
    getClient,
    logger,
    catalog,
    remoteMedia: config.remoteMedia,
    stream,
  });
  const handleGeminiMethod = createGeminiMethodHandler({ getClient, catalog, logger, stream });
  const anthropic = createAnthropicHandlers({
    getClient,
    logger,
    catalog,
    remoteMedia: config.remoteMedia,
    stream,
  });
  const responses = {
    getClient,
    logger,
    catalog,
    remoteMedia: config.remoteMedia,
    store: chooseResponseStore(responseStore, state.redis, config.responsesStore),
    stream,
  };
  const handleResponses = createResponsesHandler(responses);
  const hotRoutes = createHotRoutes({
    checkPassword,
    handleChat,
    handleGeminiMethod,
    anthropic: { handlers: anthropicHotHandlers(anthropic), map: toAnthropicErrorResponse },
    handleResponses,
    bodyLimit: config.requestBodyLimit,
    maxJsonDepth: config.requestMaxJsonDepth,
    logger,
  });

  // Everything but the model calls: health, metrics, status, model lists, 404s, and the model
  // calls the hot routes leave to it (other content types, compressed bodies).
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Who the client is (request.ip: the console's sign-in throttle), behind TRUST_PROXY's proxies.
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use(
    healthRoutes(() => ({
      ...status,
      storage: state.health(),
      ...(setup.accounts ? { accounts: countAccounts(setup.accounts()) } : {}),
    })),
  );
  if (metrics && !config.metrics.requireAuth) app.use(metricsRoute(metrics.registry));
  app.use(['/admin', '/console/api'], noStore);
  const consoleHook = mountConsole(app, {
    config,
    password,
    version: GATEWAY_VERSION,
    homeDir,
    fetch: upstream.fetch,
    catalog,
    managed: setup.managed,
    backend: () => ({
      kind: setup.kind,
      state: status.backend,
      failoverToApiKey: setup.failoverToApiKey,
    }),
    dependencies: async () => storageDependencies(state.health()),
    ...(consoleAssetsDir ? { assetsDir: consoleAssetsDir } : {}),
  });
  app.use(state.adminRouter(password, readConsoleSession));
  app.use(authenticate(checkPassword));
  app.use(operatorOnly(['/status', '/metrics']));
  app.use(
    express.json({
      limit: config.requestBodyLimit,
      verify: (_request, _response, raw) => assertJsonDepth(raw, config.requestMaxJsonDepth),
    }),
  );
  app.use(
    statusRoute(() => ({
      backend: setup.kind,
      failoverToApiKey: setup.failoverToApiKey,
      accounts: setup.accounts,
      apiKeys: setup.apiKeys,
    })),
  );
  if (metrics && config.metrics.requireAuth) app.use(metricsRoute(metrics.registry));
  app.use(geminiRoutes({ catalog, handleMethod: handleGeminiMethod }));
  app.use(modelsRoute(catalog));
  app.use(chatCompletionsRoute(handleChat));
  app.use(anthropicRoutes(anthropic));
  app.use(
    responsesRoutes({
      handleCreate: handleResponses,
      handleInputTokens: createInputTokensHandler(responses),
      store: responses.store,
    }),
  );
  app.use(embeddingsRoute({ getClient, catalog }));
  app.use(imagesRoutes({ getClient, catalog, bodyLimit: config.requestBodyLimit }));
  app.use(unknownRoute);
  // Native Gemini paths answer errors in Google's shape; everything else in OpenAI's.
  app.use(createGeminiErrorHandler(logger));
  app.use(createAnthropicErrorHandler(logger));
  app.use(createErrorHandler(logger));

  /** Every request: id, context, access log and CORS, then a hot route or express. */
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    assignRequestId(request, response);
    trackRequest(request, response);
    consoleHook(request, response);
    state.recordUsage(request, response);
    cors(request, response, () => {
      if (!hotRoutes(request, response)) app(request, response);
    });
  };
  return {
    handle,
    password,
    passwordGenerated,
    status,
    metrics,
    close: async () => {
      discovery.stop();
      setup.close();
      await upstream.close();
      await state.close();
    },
  };
}
