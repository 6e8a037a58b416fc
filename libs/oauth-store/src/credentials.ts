import { z } from 'zod';
import { OAuthStoreError } from './oauth-store-error';

/**
 * Two on-disk formats exist: gemini-cli's `oauth_creds.json` (`access_token`, `expiry_date` in
 * epoch ms, space-separated `scope`) and the original geminicli2api's (`token`, ISO `expiry`,
 * `scopes` array, `client_id`/`client_secret`/`token_uri`, cached `project_id`). Both are read;
 * a file is written back in the format it came in.
 */
export type CredentialsFormat = 'gemini-cli' | 'geminicli2api';

/** OAuth credentials of one Google account, format-independent. */
export interface OAuthCredentials {
  format: CredentialsFormat;
  refreshToken: string;
  accessToken?: string;
  /** Access token expiry, epoch milliseconds. */
  expiryDate?: number;
  clientId?: string;
  clientSecret?: string;
  /** Token endpoint stored with the credentials (original format only). */
  tokenUri?: string;
  projectId?: string;
  scopes?: string[];
  /** Every field of the original JSON, so a rewrite keeps what we do not understand. */
  raw: Record<string, unknown>;
}

const geminiCliSchema = z.looseObject({
  refresh_token: z.string().min(1),
  access_token: z.string().nullish(),
  expiry_date: z.number().nullish(),
  scope: z.string().nullish(),
});

const originalSchema = z.looseObject({
  refresh_token: z.string().min(1),
  token: z.string().nullish(),
  expiry: z.string().nullish(),
  client_id: z.string().nullish(),
  client_secret: z.string().nullish(),
  token_uri: z.string().nullish(),
  project_id: z.string().nullish(),
  scopes: z.array(z.string()).nullish(),
});

const ORIGINAL_ONLY_KEYS = ['token', 'expiry', 'client_id', 'client_secret', 'token_uri', 'scopes'];

/**
 * Parses credentials JSON. Errors explain the problem (not JSON, wrong kind of file, missing
 * refresh token) and name the source, never echoing the content.
 */
export function parseCredentialsJson(text: string, source: string): OAuthCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(source, describeJsonProblem(text));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(source, 'it is not a JSON object.');
  }
  const raw = value as Record<string, unknown>;
  if (raw['type'] === 'service_account') {
    throw invalid(
      source,
      'it is a service-account key. Service accounts are for the Vertex AI backend ' +
        '(GOOGLE_GENAI_USE_VERTEXAI=true); Code Assist needs user OAuth credentials (oauth_creds.json).',
    );
  }
  const isOriginal = ORIGINAL_ONLY_KEYS.some((key) => key in raw);
  if (isOriginal) {
    const parsed = originalSchema.safeParse(raw);
    if (!parsed.success) throw invalid(source, missingFields(parsed.error));
    const data = parsed.data;
    const expiry = data.expiry ? Date.parse(data.expiry) : Number.NaN;
    return compact({
      format: 'geminicli2api',
      refreshToken: data.refresh_token,
      accessToken: data.token ?? undefined,
      expiryDate: Number.isNaN(expiry) ? undefined : expiry,
      clientId: data.client_id ?? undefined,
      clientSecret: data.client_secret ?? undefined,
      tokenUri: data.token_uri ?? undefined,
      projectId: data.project_id ?? undefined,
      scopes: data.scopes ?? undefined,
      raw,
    });
  }
  const parsed = geminiCliSchema.safeParse(raw);
  if (!parsed.success) throw invalid(source, missingFields(parsed.error));
  const data = parsed.data;
  return compact({
    format: 'gemini-cli',
    refreshToken: data.refresh_token,
    accessToken: data.access_token ?? undefined,
    expiryDate: data.expiry_date ?? undefined,
    scopes: data.scope ? data.scope.split(' ').filter(Boolean) : undefined,
    raw,
  });
}

/** Serialises credentials back into the format they were read in, keeping unknown fields. */
export function serializeCredentials(credentials: OAuthCredentials): string {
  const out: Record<string, unknown> = { ...credentials.raw };
  if (credentials.format === 'gemini-cli') {
    setOrDelete(out, 'access_token', credentials.accessToken);
    setOrDelete(out, 'expiry_date', credentials.expiryDate);
    out['refresh_token'] = credentials.refreshToken;
  } else {
    setOrDelete(out, 'token', credentials.accessToken);
    setOrDelete(
      out,
      'expiry',
      credentials.expiryDate === undefined
        ? undefined
        : new Date(credentials.expiryDate).toISOString(),
    );
    out['refresh_token'] = credentials.refreshToken;
    setOrDelete(out, 'project_id', credentials.projectId);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function compact(credentials: OAuthCredentials): OAuthCredentials {
  for (const key of Object.keys(credentials) as (keyof OAuthCredentials)[]) {
    if (credentials[key] === undefined) delete credentials[key];
  }
  return credentials;
}

function invalid(source: string, problem: string): OAuthStoreError {
  return new OAuthStoreError({
    code: 'CREDENTIALS_INVALID',
    source,
    message: `The credentials in ${source} cannot be used: ${problem}`,
  });
}

function missingFields(error: z.ZodError): string {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  return `missing or invalid field(s): ${fields.join(', ')}. Log in again (npm run login) to get a fresh oauth_creds.json.`;
}

/** Says why text is not JSON, in terms of the mistakes people actually make. */
function describeJsonProblem(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'it is empty.';
  if (trimmed.startsWith("'") || trimmed.startsWith('"{')) {
    return 'it is not valid JSON: it looks quoted twice. Remove the outer quotes.';
  }
  if (!trimmed.startsWith('{')) {
    return 'it is not valid JSON (it does not start with "{"). In a .env file the whole JSON must be on one line, wrapped in single quotes.';
  }
  if (!trimmed.endsWith('}')) {
    return 'it is not valid JSON: it is cut off. In a .env file a multi-line value ends at the first line break — put the JSON on one line, wrapped in single quotes.';
  }
  return 'it is not valid JSON. Check for missing quotes or commas, or copy the file content again.';
}
