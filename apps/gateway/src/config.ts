import { z } from 'zod';

const DEFAULT_CODE_ASSIST_ENDPOINT = 'https://cloudcode-pa.googleapis.com';

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * Every setting the gateway reads from the environment, validated once at start. Secrets are
 * never echoed in validation messages.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8888),
  HOST: z.string().min(1).default('0.0.0.0'),
  GEMINI_AUTH_PASSWORD: optionalText.pipe(
    z.string().min(8, 'must be at least 8 characters (or unset, to get a generated one)').optional(),
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
  });
}
