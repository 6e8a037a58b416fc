import type { SharedAccountState } from './shared/shared-accounts';
import { createKeyFileTokenProvider, loadAllCredentials } from '@geminicli2api/oauth-store';
import type { Logger } from 'winston';
import {
  createCodeAssistPool,
  type AccountStatus,
  type CodeAssistPool,
} from './accounts/code-assist-pool';
import type { Config } from './config';
import type { SecretRegistry } from './logger';
import { createCodeAssistClient } from './upstream/code-assist-client';
import { createApiKeySelector, type ApiKeyStatus } from './upstream/api-key-selector';
import { createGeminiApiClient } from './upstream/gemini-api-client';
import type { ManagedCredentials } from './accounts/managed-credentials';
import type { GeminiBackend } from './upstream/gemini-backend';
import { createVertexClient } from './upstream/vertex-client';
import type { UpstreamTransport } from './upstream/upstream-transport';
import { retryabilityOf } from './upstream/retryability';

/** Options of {@link createBackend}. */
export interface CreateBackendOptions {
  config: Config;
  logger: Logger;
  secrets: SecretRegistry;
  cwd: string;
  homeDir: string;
  /** How every backend sends model calls (`createUpstreamRuntime`); default: `defaultTransport`. */
  transport?: UpstreamTransport | undefined;
  /** The plain fetch for token refresh and account setup (default: the transport's). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Pause between onboarding polls (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
  /** Replicas' shared account state (REDIS_URL): cooldowns, quota, one token refresh at a time. */
  shared?: SharedAccountState | undefined;
}

/** The chosen backend and what the app shows and stops about it. */
export interface BackendSetup {
  /** Undefined when nothing is configured (API calls answer 503 with instructions). */
  backend: GeminiBackend | undefined;
  kind: 'code-assist' | 'gemini-api' | 'vertex' | 'none';
  /** Code Assist accounts, for /status. */
  accounts: (() => AccountStatus[]) | undefined;
  /** Gemini API keys by fingerprint, for /status (when GEMINI_API_KEY is set). */
  apiKeys?: (() => ApiKeyStatus[]) | undefined;
  failoverToApiKey: boolean;
  /** Every account and API key the backend rotates, for the console and /admin/accounts. */
  managed: ManagedCredentials;
  /** Stops the quota refresh timer. */
  close(): void;
}

/**
 * Chooses and builds the backend: `GEMINI_BACKEND` when set, else Vertex when
 * `GOOGLE_GENAI_USE_VERTEXAI=true`, else Code Assist when OAuth credentials exist, else the Gemini
 * API when `GEMINI_API_KEY` is set. Code Assist may fail over to an API key when allowed.
 */
export async function createBackend({
  config,
  logger,
  secrets,
  cwd,
  homeDir,
  transport,
  fetch = transport?.fetch,
  sleep,
  shared,
}: CreateBackendOptions): Promise<BackendSetup> {
  const settings = config.backends;
  for (const key of settings.apiKeys) secrets.add(key);
  const keySelector =
    settings.apiKeys.length > 0 ? createApiKeySelector(settings.apiKeys) : undefined;
  const apiKeyBackend = keySelector
    ? createGeminiApiClient({
        baseUrl: settings.geminiApiBaseUrl,
        apiKeys: settings.apiKeys,
        transport,
        selector: keySelector,
      })
    : undefined;
  const withKeys: ManagedCredentials = { apiKeys: keySelector };
  const apiKeys = keySelector ? () => keySelector.status() : undefined;
  const none: BackendSetup = {
    backend: undefined,
    kind: 'none',
    accounts: undefined,
    apiKeys,
    failoverToApiKey: false,
    managed: {},
    close: () => undefined,
  };
  const explicit = settings.backend ?? (settings.useVertex ? 'vertex' : undefined);

  if (explicit === 'vertex') {
    if (!config.project) {
      throw new Error(
        'Vertex AI needs a project: set GOOGLE_CLOUD_PROJECT (and GOOGLE_CLOUD_LOCATION, default us-central1).',
      );
    }
    // A key file is read here so its own token_uri is honoured (google-auth-library ignores it).
    const tokenSource = config.credentialsFile
      ? await createKeyFileTokenProvider({
          path: config.credentialsFile,
          tokenUrl: config.oauthTokenUrl,
          scopes: ['https://www.googleapis.com/auth/cloud-platform'],
          ...(fetch ? { fetch } : {}),
          timeoutMs: config.timeouts.accountMs,
          timeoutSetting: 'UPSTREAM_ACCOUNT_TIMEOUT_MS',
        })
      : undefined;
    const backend = createVertexClient({
      tokenSource,
      signInTimeoutMs: config.timeouts.accountMs,
      signInTimeoutSetting: 'UPSTREAM_ACCOUNT_TIMEOUT_MS',
      project: config.project,
      location: settings.location,
      baseUrl: settings.vertexBaseUrl,
      transport,
      authOptions: {
        ...(config.credentialsFile ? { keyFilename: config.credentialsFile } : {}),
        ...(config.oauthTokenUrl
          ? { clientOptions: { endpoints: { oauth2TokenUrl: config.oauthTokenUrl } } }
          : {}),
      },
    });
    logger.info('backend selected', {
      backend: 'vertex',
      project: config.project,
      location: settings.location,
    });
    return { ...none, backend, kind: 'vertex' };
  }
  if (explicit === 'gemini-api') {
    if (!apiKeyBackend)
      throw new Error(
        'GEMINI_BACKEND=gemini-api needs GEMINI_API_KEY (one key, or several separated by commas).',
      );
    logger.info('backend selected', { backend: 'gemini-api', keys: settings.apiKeys.length });
    return { ...none, backend: apiKeyBackend, kind: 'gemini-api', managed: withKeys };
  }

  secrets.add(config.credentialsJson);
  const loaded = await loadAllCredentials({
    envJson: config.credentialsJson,
    filePath: config.credentialsFile,
    directory: settings.credentialsDir,
    cwd,
    homeDir,
  });
  if (loaded.length === 0) {
    if (apiKeyBackend && explicit !== 'code-assist') {
      logger.info('backend selected', { backend: 'gemini-api', keys: settings.apiKeys.length });
      return { ...none, backend: apiKeyBackend, kind: 'gemini-api', managed: withKeys };
    }
    return none;
  }
  const pool: CodeAssistPool = createCodeAssistPool({
    accounts: loaded,
    endpoint: config.codeAssistEndpoint,
    configuredProject: config.project,
    oauthClientId: config.oauthClientId,
    oauthClientSecret: config.oauthClientSecret,
    oauthTokenUrl: config.oauthTokenUrl,
    strategy: settings.accountSelection,
    accountTimeoutMs: config.timeouts.accountMs,
    secrets,
    logger,
    fetch,
    sleep,
    shared,
  });
  const codeAssist = createCodeAssistClient({
    endpoint: config.codeAssistEndpoint,
    accounts: pool,
    transport,
  });
  const failover = settings.failoverToApiKey && apiKeyBackend !== undefined;
  logger.info('backend selected', {
    backend: 'code-assist',
    accounts: loaded.length,
    failoverToApiKey: failover,
  });
  void pool.prepare();
  const timer =
    settings.quotaRefreshMs > 0
      ? setInterval(() => void pool.refreshQuota(), settings.quotaRefreshMs)
      : undefined;
  timer?.unref();
  return {
    backend: failover ? withFailover(codeAssist, apiKeyBackend, logger) : codeAssist,
    kind: 'code-assist',
    accounts: () => pool.status(),
    apiKeys,
    failoverToApiKey: failover,
    managed: { codeAssist: pool, ...(failover ? withKeys : {}) },
    close: () => clearInterval(timer),
  };
}

function withFailover(
  primary: GeminiBackend,
  secondary: GeminiBackend,
  logger: Logger,
): GeminiBackend {
  const attempt = async <T>(
    name: string,
    run: (backend: GeminiBackend) => Promise<T>,
  ): Promise<T> => {
    try {
      return await run(primary);
    } catch (error) {
      // No account usable, quota, a refusal: decided where the error was made (retryability.ts).
      if (!retryabilityOf(error).otherBackend) throw error;
      logger.warn('code assist unavailable; failing over to the Gemini API', {
        call: name,
        reason: error instanceof Error ? error.message : String(error),
      });
      return run(secondary);
    }
  };
  return {
    name: primary.name,
    generateContent: (call) =>
      attempt('generateContent', (backend) => backend.generateContent(call)),
    // A stream resolves only after upstream answered 2xx, so failing over here sends no byte twice.
    streamGenerateContent: (call) =>
      attempt('streamGenerateContent', (backend) => backend.streamGenerateContent(call)),
    countTokens: (call) => attempt('countTokens', (backend) => backend.countTokens(call)),
    // Code Assist has no embeddings: the API key serves them directly.
    ...(secondary.embed ? { embed: secondary.embed.bind(secondary) } : {}),
  };
}
