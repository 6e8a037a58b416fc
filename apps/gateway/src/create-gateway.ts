import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import express from 'express';
import type { Logger } from 'winston';
import type { Config } from './config';
import { GatewayError } from './gateway-error';
import type { SecretRegistry } from './logger';
import { createHotRoutes } from './http/hot-routes';
import { withLocals } from './http/gateway-response';
import { authenticate, passwordCheck } from './middleware/authenticate';
import { createErrorHandler } from './middleware/error-handler';
import { assignRequestId } from './middleware/request-id';
import { accessLog } from './middleware/access-log';
import { corsMiddleware } from './middleware/cors';
import { createRequestContext } from './middleware/request-context';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics';
import { metricsRoute } from './routes/metrics';
import { createUpstreamRuntime } from './upstream/create-upstream-runtime';
import { meterBackend } from './upstream/metered-backend';
import { chatCompletionsRoute, createChatCompletionsHandler } from './routes/chat-completions';
import { healthRoutes, type GatewayStatus } from './routes/health';
import { modelsRoute } from './routes/models';
import { unknownRouteMessage } from './routes/unknown-route';
import { createGeminiMethodHandler, geminiRoutes } from './routes/gemini-routes';
import { createGeminiErrorHandler } from './middleware/gemini-error-handler';
import { catalogFromConfig } from './models/catalog-from-config';
import { createBackend } from './create-backend';
import { statusRoute } from './routes/status';
import type { GeminiBackend } from './upstream/gemini-backend';
import { GATEWAY_VERSION } from './gateway-version';
import { createGatewayState } from './store/gateway-state';
import { limitBackend } from './limits/limited-backend';
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
   * it is wrapped with the retry policy, timeouts and concurrency limit, and that one fetch is
   * used by every backend and by token refresh.
   */
  fetch?: typeof globalThis.fetch;
  /** Process metrics (CPU, memory…) in /metrics when METRICS_ENABLED; off in tests. Default true. */
  defaultMetrics?: boolean;
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

const NO_CREDENTIALS_MESSAGE =
  'No Google credentials are configured, so the gateway cannot call Gemini. Provide one of: ' +
  'GEMINI_API_KEY (a Gemini API key; several comma-separated), GOOGLE_GENAI_USE_VERTEXAI=true with ' +
  'GOOGLE_CLOUD_PROJECT and application default credentials (Vertex AI), or Code Assist OAuth ' +
  'credentials: GEMINI_CREDENTIALS (the JSON of oauth_creds.json, on one line), ' +
  'GOOGLE_APPLICATION_CREDENTIALS (path to an oauth_creds.json), GEMINI_CREDENTIALS_DIR, ' +
  './oauth_creds.json or ~/.gemini/oauth_creds.json (npm run login creates one) — then restart. ' +
  'See docs/credentials.md.';

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
}: CreateGatewayOptions): Promise<Gateway> {
  const metrics = config.metrics.enabled ? createGatewayMetrics({ defaultMetrics }) : undefined;
  const upstream = createUpstreamRuntime({ config, metrics, baseFetch });
  const fetch = upstream.fetch;
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
    fetch,
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
  const metered = client ? limitBackend(meterBackend(client), state.windows) : undefined;
  const getClient = (): GeminiBackend => {
    if (metered) return metered;
    throw new GatewayError({
      code: 'NO_CREDENTIALS',
      status: 503,
      message: NO_CREDENTIALS_MESSAGE,
    });
  };

  const trackRequest = accessLog({ logger, metrics, sseKeepaliveMs: config.sseKeepaliveMs });
  const cors = corsMiddleware(config.corsOrigins);
  const checkPassword = passwordCheck(password, state.clientKeyCheck);
  const handleChat = createChatCompletionsHandler({
    getClient,
    logger,
    catalog,
    remoteMedia: config.remoteMedia,
  });
  const handleGeminiMethod = createGeminiMethodHandler({ getClient, catalog, logger });
  const hotRoutes = createHotRoutes({
    checkPassword,
    handleChat,
    handleGeminiMethod,
    bodyLimit: config.requestBodyLimit,
    logger,
  });

  // Everything but the model calls: health, metrics, status, model lists, 404s, and the model
  // calls the hot routes leave to it (other content types, compressed bodies).
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use(healthRoutes(() => ({ ...status, storage: state.health() })));
  app.use(state.adminRouter(password));
  if (metrics && !config.metrics.requireAuth) app.use(metricsRoute(metrics.registry));
  app.use(authenticate(checkPassword));
  app.use(operatorOnly(['/status', '/metrics']));
  app.use(express.json({ limit: config.requestBodyLimit }));
  app.use(
    statusRoute(() => ({
      backend: setup.kind,
      failoverToApiKey: setup.failoverToApiKey,
      accounts: setup.accounts,
    })),
  );
  if (metrics && config.metrics.requireAuth) app.use(metricsRoute(metrics.registry));
  app.use(geminiRoutes({ catalog, handleMethod: handleGeminiMethod }));
  app.use(modelsRoute(catalog));
  app.use(chatCompletionsRoute(handleChat));
  app.use((request, _response, next) => {
    next(
      new GatewayError({
        code: 'NOT_FOUND',
        status: 404,
        message: unknownRouteMessage(request.method, request.path),
      }),
    );
  });
  // Native Gemini paths answer errors in Google's shape; everything else in OpenAI's.
  app.use(createGeminiErrorHandler(logger));
  app.use(createErrorHandler(logger));

  /** Every request: id, context, access log and CORS, then a hot route or express. */
  const handle = (request: IncomingMessage, plain: ServerResponse): void => {
    const response = withLocals(plain);
    assignRequestId(request, response);
    createRequestContext(response);
    trackRequest(request, response);
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
      setup.close();
      await upstream.close();
      await state.close();
    },
  };
}
