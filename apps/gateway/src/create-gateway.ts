import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { loadCredentials } from '@geminicli2api/oauth-store';
import express, { type Express } from 'express';
import type { Logger } from 'winston';
import { createCodeAssistAccount } from './accounts/code-assist-account';
import type { Config } from './config';
import { GatewayError } from './gateway-error';
import type { SecretRegistry } from './logger';
import { authenticate } from './middleware/authenticate';
import { createErrorHandler } from './middleware/error-handler';
import { requestId } from './middleware/request-id';
import { chatCompletionsRoute } from './routes/chat-completions';
import { healthRoutes, type GatewayStatus } from './routes/health';
import { modelsRoute } from './routes/models';
import { createCodeAssistClient } from './upstream/code-assist-client';
import type { GeminiBackend } from './upstream/gemini-backend';

export const GATEWAY_VERSION = '0.1.0';

/** Inputs of {@link createGateway}. */
export interface CreateGatewayOptions {
  config: Config;
  logger: Logger;
  secrets: SecretRegistry;
  /** Working and home directory for the default credential files (injectable for tests). */
  cwd?: string;
  homeDir?: string;
  fetch?: typeof globalThis.fetch;
}

/** A ready-to-listen gateway. */
export interface Gateway {
  app: Express;
  /** The password clients must present (generated when the config had none). */
  password: string;
  passwordGenerated: boolean;
  status: GatewayStatus;
}

const NO_CREDENTIALS_MESSAGE =
  'No Google credentials are configured, so the gateway cannot call Gemini. Provide one of: ' +
  'GEMINI_CREDENTIALS (the JSON of oauth_creds.json, on one line), GOOGLE_APPLICATION_CREDENTIALS ' +
  '(path to an oauth_creds.json), ./oauth_creds.json or ~/.gemini/oauth_creds.json — then restart. ' +
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
  fetch,
}: CreateGatewayOptions): Promise<Gateway> {
  const passwordGenerated = config.authPassword === undefined;
  const password = config.authPassword ?? randomBytes(24).toString('base64url');
  secrets.add(password);
  secrets.add(config.credentialsJson);

  const loaded = await loadCredentials({
    envJson: config.credentialsJson,
    filePath: config.credentialsFile,
    cwd,
    homeDir,
  });
  let client: GeminiBackend | undefined;
  if (loaded) {
    const accounts = createCodeAssistAccount({
      loaded,
      endpoint: config.codeAssistEndpoint,
      configuredProject: config.project,
      oauthClientId: config.oauthClientId,
      oauthClientSecret: config.oauthClientSecret,
      oauthTokenUrl: config.oauthTokenUrl,
      secrets,
      logger,
      ...(fetch ? { fetch } : {}),
    });
    client = createCodeAssistClient({
      endpoint: config.codeAssistEndpoint,
      accounts,
      ...(fetch ? { fetch } : {}),
    });
    const source = loaded.source.kind === 'env' ? loaded.source.name : loaded.source.path;
    logger.info('credentials loaded', { account: source, format: loaded.credentials.format });
  } else {
    logger.warn('no credentials found; API calls will answer 503 until credentials are provided');
  }
  const status: GatewayStatus = { backend: client ? 'ready' : 'no-credentials', version: GATEWAY_VERSION };
  const getClient = (): GeminiBackend => {
    if (client) return client;
    throw new GatewayError({ code: 'NO_CREDENTIALS', status: 503, message: NO_CREDENTIALS_MESSAGE });
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId());
  app.use(healthRoutes(() => status));
  app.use(authenticate({ password }));
  app.use(express.json({ limit: config.requestBodyLimit }));
  app.use(modelsRoute());
  app.use(chatCompletionsRoute({ getClient, logger }));
  app.use((request, _response, next) => {
    next(
      new GatewayError({
        code: 'NOT_FOUND',
        status: 404,
        message: `Unknown route ${request.method} ${request.path}.`,
      }),
    );
  });
  app.use(createErrorHandler(logger));
  return { app, password, passwordGenerated, status };
}
