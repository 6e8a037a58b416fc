import { z } from 'zod';
import {
  backendsEnvSchema,
  DEFAULT_CODE_ASSIST_ENDPOINT,
  modelAliasesEnvSchema,
  modelDiscoveryEnvSchema,
  modelFallbacksEnvSchema,
  modelsEnvSchema,
  operationsEnvSchema,
  optionalText,
  remoteMediaEnvSchema,
  responsesEnvSchema,
  splitOrigins,
  unsetWhenBlank,
  wholeNumber,
} from './config-env-schemas';
import { storageConfig, storageEnvSchema, type StorageConfig } from './config-storage-schema';

/**
 * Every setting the gateway reads from the environment, validated once at start. Secrets are
 * never echoed in validation messages.
 */
export const configSchema = z.object({
  PORT: wholeNumber(8888, 0, 65_535),
  HOST: unsetWhenBlank(z.string().trim().default('0.0.0.0')),
  GEMINI_AUTH_PASSWORD: optionalText.pipe(
    z
      .string()
      .min(8, 'must be at least 8 characters (or unset, to get a generated one)')
      .optional(),
  ),
  GEMINI_CREDENTIALS: optionalText,
  GOOGLE_APPLICATION_CREDENTIALS: optionalText,
  GOOGLE_CLOUD_PROJECT: optionalText,
  GEMINI_PROJECT_ID: optionalText,
  CODE_ASSIST_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default(DEFAULT_CODE_ASSIST_ENDPOINT)
    .transform((value) => value.replace(/\/+$/, '')),
  GEMINI_OAUTH_TOKEN_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  GEMINI_OAUTH_CLIENT_ID: optionalText,
  GEMINI_OAUTH_CLIENT_SECRET: optionalText,
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  REQUEST_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb|gb)?$/i, 'must look like 20mb, 512kb or a number of bytes')
    .default('50mb'),
  REQUEST_MAX_JSON_DEPTH: wholeNumber(128, 8, 512),
  ...operationsEnvSchema,
  ...backendsEnvSchema,
  ...modelsEnvSchema,
  ...modelAliasesEnvSchema,
  ...modelFallbacksEnvSchema,
  ...modelDiscoveryEnvSchema,
  ...remoteMediaEnvSchema,
  ...responsesEnvSchema,
  ...storageEnvSchema,
});

/** The gateway's configuration: validated, defaulted and frozen. */
export interface Config {
  port: number;
  host: string;
  /** The password clients must present; undefined means "generate one at start". */
  authPassword: string | undefined;
  credentialsJson: string | undefined;
  credentialsFile: string | undefined;
  project: string | undefined;
  codeAssistEndpoint: string;
  oauthTokenUrl: string | undefined;
  oauthClientId: string | undefined;
  oauthClientSecret: string | undefined;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  requestBodyLimit: string;
  /** Bodies nesting objects/arrays deeper than this get 400 before they are parsed. */
  requestMaxJsonDepth: number;
  /** Retry boundary (`UPSTREAM_MAX_ATTEMPTS`, `UPSTREAM_RETRY_*`, `UPSTREAM_RATE_LIMIT_MAX_WAIT_MS`). */
  retry: {
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
    maxRateLimitWaitMs: number;
  };
  /**
   * Upstream timeouts in ms; 0 disables first-byte and idle. `accountMs` bounds each account call
   * (token refresh, loadCodeAssist / onboardUser, retrieveUserQuota, Vertex sign-in).
   */
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number; accountMs: number };
  /** SSE comment keepalive interval in ms; 0 disables. */
  sseKeepaliveMs: number;
  /** A streaming client that has not read for this long is dropped; 0 never drops. */
  clientStallTimeoutMs: number;
  /** In-flight upstream requests and the bounded queue behind them. */
  concurrency: { maxInFlight: number; maxQueued: number; retryAfterSeconds: number };
  /** Outbound proxy for every upstream call and token refresh. */
  proxy: {
    httpProxy: string | undefined;
    httpsProxy: string | undefined;
    noProxy: string | undefined;
  };
  /** `*` (default) or the allowed origins. */
  corsOrigins: '*' | string[];
  metrics: { enabled: boolean; requireAuth: boolean };
  /** The web console at /console (and its session on /admin); `CONSOLE_ENABLED`. */
  console: { enabled: boolean };
  /** Who may name the client in `X-Forwarded-For` (express's `trust proxy`); `TRUST_PROXY`. */
  trustProxy: boolean | number | string;
  shutdownGraceMs: number;
  /** How far V8's heap may grow past what survived its last full collection, in %; 0 = V8's own choice. */
  heapGrowthPercent: number;
  /** Catalog additions: `GEMINI_EXTRA_MODELS` ids and `GEMINI_MODEL_ALIASES` (alias → target). */
  models: { extraIds: string[]; aliases: Record<string, string> };
  /** Image URLs clients name: special-range targets refused unless allowed; count and bytes capped. */
  remoteMedia: { allowPrivateNetworks: boolean; maxUrls: number; maxTotalBytes: number };
  /** Stored Responses API responses (`RESPONSES_STORE_*`): at most `maxEntries` (0 = none kept), each for `ttlMs`. */
  responsesStore: { maxEntries: number; ttlMs: number };
  /** `MODEL_ALIASES` rules, in order (`*` globs); the built-in Claude table applies after them. */
  modelAliases: { pattern: string; target: string }[];
  /** `MODEL_FALLBACKS` chains, each `[primary, next, …]`. */
  modelFallbacks: string[][];
  /** `MODEL_DISCOVERY_INTERVAL_MS`: re-read the upstream's model list this often; 0 = no discovery. */
  modelDiscoveryIntervalMs: number;
  /** Which backend answers and how its credentials are chosen (see create-backend.ts). */
  backends: {
    credentialsDir: string | undefined;
    /** `GEMINI_API_KEY`, split on commas; each key is a credential the Gemini API backend rotates. */
    apiKeys: string[];
    geminiApiBaseUrl: string;
    useVertex: boolean;
    location: string;
    /** Overrides `https://<location>-aiplatform.googleapis.com` (tests point it at the emulator). */
    vertexBaseUrl: string | undefined;
    /** Explicit choice; undefined means inferred from what is configured. */
    backend: 'code-assist' | 'gemini-api' | 'vertex' | undefined;
    oauthCallbackPort: number;
    accountSelection: 'round-robin' | 'fill-first';
    /** retrieveUserQuota refresh interval; 0 disables. */
    quotaRefreshMs: number;
    /** A Code Assist request that no account can serve is retried with an API key. */
    failoverToApiKey: boolean;
  };
  /** Database (keys, usage ledger) and Redis (`DATA_DIR`, `DATABASE_URL`, `REDIS_URL`…). */
  storage: StorageConfig;
}

/** A configuration problem, naming the variable and what is wrong (never its value). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment into a frozen {@link Config}; throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    authPassword: values.GEMINI_AUTH_PASSWORD,
    credentialsJson: values.GEMINI_CREDENTIALS,
    credentialsFile: values.GOOGLE_APPLICATION_CREDENTIALS,
    project: values.GOOGLE_CLOUD_PROJECT ?? values.GEMINI_PROJECT_ID,
    codeAssistEndpoint: values.CODE_ASSIST_ENDPOINT,
    oauthTokenUrl: values.GEMINI_OAUTH_TOKEN_URL,
    oauthClientId: values.GEMINI_OAUTH_CLIENT_ID,
    oauthClientSecret: values.GEMINI_OAUTH_CLIENT_SECRET,
    logLevel: values.LOG_LEVEL,
    requestBodyLimit: values.REQUEST_BODY_LIMIT,
    requestMaxJsonDepth: values.REQUEST_MAX_JSON_DEPTH,
    retry: {
      maxAttempts: values.UPSTREAM_MAX_ATTEMPTS,
      baseDelayMs: values.UPSTREAM_RETRY_BASE_DELAY_MS,
      maxDelayMs: values.UPSTREAM_RETRY_MAX_DELAY_MS,
      maxRateLimitWaitMs: values.UPSTREAM_RATE_LIMIT_MAX_WAIT_MS,
    },
    timeouts: {
      connectMs: values.UPSTREAM_CONNECT_TIMEOUT_MS,
      firstByteMs: values.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
      idleMs: values.UPSTREAM_IDLE_TIMEOUT_MS,
      accountMs: values.UPSTREAM_ACCOUNT_TIMEOUT_MS,
    },
    sseKeepaliveMs: values.SSE_KEEPALIVE_INTERVAL_MS,
    clientStallTimeoutMs: values.CLIENT_STALL_TIMEOUT_MS,
    concurrency: {
      maxInFlight: values.UPSTREAM_MAX_CONCURRENCY,
      maxQueued: values.UPSTREAM_QUEUE_SIZE,
      retryAfterSeconds: values.UPSTREAM_QUEUE_RETRY_AFTER_SECONDS,
    },
    proxy: {
      httpProxy: values.HTTP_PROXY ?? values.http_proxy,
      httpsProxy: values.HTTPS_PROXY ?? values.https_proxy,
      noProxy: values.NO_PROXY ?? values.no_proxy,
    },
    corsOrigins: parseOrigins(values.CORS_ORIGINS),
    metrics: { enabled: values.METRICS_ENABLED, requireAuth: values.METRICS_REQUIRE_AUTH },
    console: { enabled: values.CONSOLE_ENABLED },
    trustProxy: values.TRUST_PROXY ?? false,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    heapGrowthPercent: values.HEAP_GROWTH_PERCENT,
    models: {
      extraIds: values.GEMINI_EXTRA_MODELS ?? [],
      aliases: values.GEMINI_MODEL_ALIASES ?? {},
    },
    remoteMedia: {
      allowPrivateNetworks: values.REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS ?? false,
      maxUrls: values.REMOTE_MEDIA_MAX_URLS,
      maxTotalBytes: values.REMOTE_MEDIA_MAX_TOTAL_BYTES,
    },
    responsesStore: {
      maxEntries: values.RESPONSES_STORE_MAX_ENTRIES,
      ttlMs: values.RESPONSES_STORE_TTL_SECONDS * 1000,
    },
    modelAliases: values.MODEL_ALIASES ?? [],
    modelFallbacks: values.MODEL_FALLBACKS ?? [],
    modelDiscoveryIntervalMs: values.MODEL_DISCOVERY_INTERVAL_MS,
    backends: {
      credentialsDir: values.GEMINI_CREDENTIALS_DIR,
      apiKeys: (values.GEMINI_API_KEY ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
      geminiApiBaseUrl:
        values.GOOGLE_GEMINI_BASE_URL ?? 'https://generativelanguage.googleapis.com',
      useVertex: values.GOOGLE_GENAI_USE_VERTEXAI ?? false,
      location: values.GOOGLE_CLOUD_LOCATION ?? 'us-central1',
      vertexBaseUrl: values.GOOGLE_VERTEX_BASE_URL,
      backend: values.GEMINI_BACKEND,
      oauthCallbackPort: values.GEMINI_OAUTH_CALLBACK_PORT,
      accountSelection: values.GEMINI_ACCOUNT_SELECTION,
      quotaRefreshMs: values.GEMINI_QUOTA_REFRESH_MS,
      failoverToApiKey: values.GEMINI_FAILOVER_TO_API_KEY ?? false,
    },
    storage: storageConfig(values),
  });
}

function parseOrigins(value: string | undefined): '*' | string[] {
  if (value === undefined || value === '*') return '*';
  return splitOrigins(value).map((origin) => origin.replace(/\/$/, '').toLowerCase());
}
