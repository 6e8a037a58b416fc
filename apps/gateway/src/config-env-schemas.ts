import { z } from 'zod';

/** The env variables of each concern, validated by zod; `configSchema` combines them. */
export const DEFAULT_CODE_ASSIST_ENDPOINT = 'https://cloudcode-pa.googleapis.com';

export const optionalText = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * An empty or blank value means "not set", so the default applies: a `.env` template's `PORT=`,
 * or compose's `${NAME:-}` for a variable the host does not set.
 */
export const unsetWhenBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema,
  );

/** A whole number of milliseconds (or seconds, counts, a port); `min` 0 lets 0 mean "off". */
export const wholeNumber = (defaultValue: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(
        /^\d+$/,
        `must be a whole number (${min}–${max === Number.MAX_SAFE_INTEGER ? '…' : max})`,
      )
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(defaultValue),
  );

const booleanFlag = (defaultValue: boolean) =>
  unsetWhenBlank(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], 'must be true or false'))
      .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
      .default(defaultValue),
  );

const proxyUrl = optionalText.pipe(
  z
    .url({ protocol: /^https?$/, error: 'must be a proxy URL such as http://proxy.example:3128' })
    .optional(),
);

/** The comma-separated entries of `CORS_ORIGINS`, trimmed, empty ones dropped. */
export function splitOrigins(value: string): string[] {
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
}

/**
 * `*`, or origins as browsers send them in `Origin`: scheme://host[:port], nothing after (a
 * trailing slash is forgiven). `app.example.com` or `https://app.example.com/path` would never
 * match a browser, so they are refused at start instead of failing CORS silently.
 */
const corsOrigins = optionalText.pipe(
  z
    .string()
    .refine(
      (value) =>
        value === '*' ||
        splitOrigins(value).every((origin) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+\/?$/i.test(origin)),
      'must be * or origins such as https://app.example.com (scheme://host[:port], no path), separated by commas',
    )
    .optional(),
);

/** Named ranges `TRUST_PROXY` takes besides addresses and CIDRs (express's proxy-addr names). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

/** True for an IPv4 or IPv6 address, with an optional /prefix. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const v4 = IPV4.test(address) && address.split('.').every((part) => Number(part) <= 255);
  const v6 = !v4 && address.includes(':') && /^[0-9a-f:.]+$/i.test(address);
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: which peers may say who the client is (`X-Forwarded-For`), in express's terms:
 * `false` (default: the socket's address), `true` (any: only behind a proxy nothing bypasses), a
 * number of proxy hops, or addresses, CIDRs and `loopback` / `linklocal` / `uniquelocal`,
 * separated by commas.
 */
const trustProxy = optionalText.pipe(
  z
    .string()
    .refine(
      (value) =>
        /^(true|false|\d{1,2})$/i.test(value) ||
        value
          .split(',')
          .map((entry) => entry.trim())
          .every((entry) => PROXY_RANGE_NAMES.has(entry) || isAddressOrCidr(entry)),
      'must be true, false, a number of proxy hops, or addresses, CIDRs and loopback / linklocal / uniquelocal separated by commas',
    )
    .transform((value): boolean | number | string => {
      if (/^true$/i.test(value)) return true;
      if (/^false$/i.test(value)) return false;
      if (/^\d+$/.test(value)) return Number(value);
      return value
        .split(',')
        .map((entry) => entry.trim())
        .join(',');
    })
    .optional(),
);

/** Resilience and operations settings (retries, timeouts, limits, proxy, CORS, metrics, shutdown, heap). */
export const operationsEnvSchema = {
  UPSTREAM_MAX_ATTEMPTS: wholeNumber(3, 1, 10),
  UPSTREAM_RETRY_BASE_DELAY_MS: wholeNumber(1000, 0, 60_000),
  UPSTREAM_RETRY_MAX_DELAY_MS: wholeNumber(10_000, 0, 300_000),
  UPSTREAM_RATE_LIMIT_MAX_WAIT_MS: wholeNumber(10_000, 0, 300_000),
  UPSTREAM_CONNECT_TIMEOUT_MS: wholeNumber(10_000, 1),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: wholeNumber(300_000, 0),
  UPSTREAM_IDLE_TIMEOUT_MS: wholeNumber(120_000, 0),
  UPSTREAM_ACCOUNT_TIMEOUT_MS: wholeNumber(30_000, 1, 600_000),
  SSE_KEEPALIVE_INTERVAL_MS: wholeNumber(15_000, 0),
  CLIENT_STALL_TIMEOUT_MS: wholeNumber(60_000, 0),
  UPSTREAM_MAX_CONCURRENCY: wholeNumber(512, 1, 10_000),
  UPSTREAM_QUEUE_SIZE: wholeNumber(2048, 0, 100_000),
  UPSTREAM_QUEUE_RETRY_AFTER_SECONDS: wholeNumber(2, 1, 3600),
  HTTP_PROXY: proxyUrl,
  HTTPS_PROXY: proxyUrl,
  NO_PROXY: optionalText,
  http_proxy: proxyUrl,
  https_proxy: proxyUrl,
  no_proxy: optionalText,
  CORS_ORIGINS: corsOrigins,
  METRICS_ENABLED: booleanFlag(true),
  METRICS_REQUIRE_AUTH: booleanFlag(true),
  SHUTDOWN_GRACE_MS: wholeNumber(10_000, 0, 600_000),
  HEAP_GROWTH_PERCENT: wholeNumber(100, 0, 300),
  CONSOLE_ENABLED: booleanFlag(true),
  TRUST_PROXY: trustProxy,
};

const httpUrl = optionalText.pipe(
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
);

/** Credentials, accounts and backends (account directory, API keys, Vertex, selection, failover, login). */
export const backendsEnvSchema = {
  GEMINI_CREDENTIALS_DIR: optionalText,
  GEMINI_API_KEY: optionalText,
  GOOGLE_GEMINI_BASE_URL: httpUrl,
  GOOGLE_GENAI_USE_VERTEXAI: optionalText.pipe(
    z.stringbool({ error: 'must be true or false' }).optional(),
  ),
  GOOGLE_CLOUD_LOCATION: optionalText,
  GOOGLE_VERTEX_BASE_URL: httpUrl,
  GEMINI_BACKEND: optionalText.pipe(
    z
      .enum(['code-assist', 'gemini-api', 'vertex'], 'must be code-assist, gemini-api or vertex')
      .optional(),
  ),
  GEMINI_OAUTH_CALLBACK_PORT: wholeNumber(8080, 1, 65_535),
  GEMINI_ACCOUNT_SELECTION: z
    .enum(['round-robin', 'fill-first'], 'must be round-robin or fill-first')
    .default('round-robin'),
  GEMINI_QUOTA_REFRESH_MS: wholeNumber(300_000, 0),
  GEMINI_FAILOVER_TO_API_KEY: optionalText.pipe(
    z.stringbool({ error: 'must be true or false' }).optional(),
  ),
};

const MODEL_NAME = '[A-Za-z0-9][A-Za-z0-9._/-]*';
const commaList = (item: string) => new RegExp(`^\\s*${item}(\\s*,\\s*${item})*\\s*,?\\s*$`);
const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Model catalog: extra ids (`a,b`) and aliases (`alias=target,…`; the target may carry variant suffixes). */
export const modelsEnvSchema = {
  GEMINI_EXTRA_MODELS: optionalText.pipe(
    z
      .string()
      .regex(commaList(MODEL_NAME), 'must be model ids separated by commas')
      .transform(splitList)
      .optional(),
  ),
  GEMINI_MODEL_ALIASES: optionalText.pipe(
    z
      .string()
      .regex(commaList(`${MODEL_NAME}=${MODEL_NAME}`), 'must look like alias=model,alias2=model2')
      .transform((value) =>
        Object.fromEntries(splitList(value).map((pair) => pair.split('=', 2) as [string, string])),
      )
      .optional(),
  ),
};

/** A size like `REQUEST_BODY_LIMIT`'s (`20mb`, `512kb`, `1gb` or bytes), as a number of bytes. */
export const byteSize = (defaultValue: string) =>
  unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^\d+(b|kb|mb|gb)?$/i, 'must look like 20mb, 512kb or a number of bytes')
      .default(defaultValue)
      .transform((value) => {
        const [, digits = '0', unit = 'b'] = /^(\d+)([a-z]*)$/i.exec(value) ?? [];
        const scale = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit.toLowerCase()] ?? 1;
        return Number(digits) * scale;
      }),
  );

const ALIAS_PATTERN = '[A-Za-z0-9*][A-Za-z0-9._/*-]*';

/**
 * `MODEL_ALIASES`: `alias=target` pairs, `*` globs in the alias (`claude-*opus*=gemini-3.1-pro-preview`),
 * in the order given; they win over the built-in Claude table and over model ids.
 */
export const modelAliasesEnvSchema = {
  MODEL_ALIASES: optionalText.pipe(
    z
      .string()
      .regex(
        commaList(`${ALIAS_PATTERN}\\s*=\\s*${MODEL_NAME}`),
        'must look like alias=model,claude-*haiku*=gemini-2.5-flash (comma-separated; * matches anything)',
      )
      .transform((value) =>
        splitList(value).map((pair) => {
          const [pattern = '', target = ''] = pair.split('=', 2).map((part) => part.trim());
          return { pattern, target };
        }),
      )
      .optional(),
  ),
};

/** `MODEL_FALLBACKS`: chains `primary>next>last`, separated by commas. */
export const modelFallbacksEnvSchema = {
  MODEL_FALLBACKS: optionalText.pipe(
    z
      .string()
      .regex(
        commaList(`${MODEL_NAME}(\\s*>\\s*${MODEL_NAME})+`),
        'must look like gemini-3.1-pro-preview>gemini-2.5-pro>gemini-2.5-flash (chains separated by commas)',
      )
      .transform((value) =>
        splitList(value).map((chain) => chain.split('>').map((model) => model.trim())),
      )
      .optional(),
  ),
};

/** Model discovery on the Gemini API and Vertex backends. */
export const modelDiscoveryEnvSchema = {
  MODEL_DISCOVERY_INTERVAL_MS: wholeNumber(3_600_000, 0),
};

/** Remote media: http(s) image URLs clients name are fetched by the gateway (SSRF guard, limits). */
export const remoteMediaEnvSchema = {
  REMOTE_MEDIA_ALLOW_PRIVATE_NETWORKS: optionalText.pipe(
    z.stringbool({ error: 'must be true or false' }).optional(),
  ),
  REMOTE_MEDIA_MAX_URLS: wholeNumber(16, 0, 1000),
  REMOTE_MEDIA_MAX_TOTAL_BYTES: byteSize('20mb'),
};

/** Responses API: the bounded store behind `store`, `previous_response_id` and `GET /v1/responses/{id}`. */
export const responsesEnvSchema = {
  RESPONSES_STORE_MAX_ENTRIES: wholeNumber(1000, 0, 1_000_000),
  RESPONSES_STORE_TTL_SECONDS: wholeNumber(3600, 1, 30 * 86_400),
};
