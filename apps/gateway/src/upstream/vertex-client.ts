import type { AccessTokenSource } from '@geminicli2api/oauth-store';
import { GoogleAuth, type GoogleAuthOptions } from 'google-auth-library';
import { GatewayError } from '../gateway-error';
import { vertexEmbed } from './direct-embed';
import { parseVertexModels } from './direct-model-list';
import { createDirectGeminiBackend } from './gemini-api-client';
import { cutUpstreamMessage } from './upstream-error';
import type { GeminiBackend } from './gemini-backend';
import type { Credential, CredentialSelector } from './send-upstream';
import type { UpstreamTransport } from './upstream-transport';

/** Options of {@link createVertexClient}. */
export interface VertexClientOptions {
  project: string;
  /** e.g. `us-central1`, or `global`. */
  location: string;
  /** Overrides `https://<location>-aiplatform.googleapis.com` (tests use the emulator). */
  baseUrl?: string | undefined;
  /** Application default credentials; `keyFilename` or `credentials` select a file instead. */
  authOptions?: GoogleAuthOptions;
  /** How calls are sent (retries, timeouts, limiter); its `fetch` also serves google-auth-library. */
  transport?: UpstreamTransport | undefined;
  /**
   * Tokens of a key file read by the gateway itself (its `token_uri` honoured); without it,
   * google-auth-library's application default credentials are used.
   */
  tokenSource?: AccessTokenSource | undefined;
  /**
   * Deadline of google-auth-library's sign-in (metadata server, gcloud's file, external
   * accounts…), its own retries included; 0 or undefined: none.
   */
  signInTimeoutMs?: number | undefined;
  /** The setting behind `signInTimeoutMs`, named when it fires. */
  signInTimeoutSetting?: string | undefined;
}

interface AdcCredential extends Credential {
  token: string;
}

/** The Vertex AI host for a location. */
export function vertexBaseUrl(location: string): string {
  return location === 'global'
    ? 'https://aiplatform.googleapis.com'
    : `https://${location}-aiplatform.googleapis.com`;
}

/**
 * The Vertex AI backend: `v1/projects/{p}/locations/{l}/publishers/google/models/{m}:…` with a
 * bearer token from google-auth-library's application default credentials (service-account file,
 * `authorized_user` file or the metadata server). Tokens are cached and refreshed by the library.
 */
export function createVertexClient({
  project,
  location,
  baseUrl,
  authOptions = {},
  transport,
  tokenSource,
  signInTimeoutMs,
  signInTimeoutSetting,
}: VertexClientOptions): GeminiBackend {
  const auth = new GoogleAuth({
    scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    ...authOptions,
    clientOptions: {
      ...authOptions.clientOptions,
      transporterOptions: { fetchImplementation: transport?.fetch ?? globalThis.fetch },
    },
  });
  const selector: CredentialSelector<AdcCredential> = {
    async acquire() {
      if (tokenSource) {
        try {
          return {
            id: 'application-default-credentials',
            token: await tokenSource.getAccessToken(),
          };
        } catch (error) {
          throw new GatewayError({
            code: 'NO_CREDENTIALS',
            status: 503,
            cause: error,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      try {
        const token = await withDeadline(
          auth.getClient().then((client) => client.getAccessToken()),
          signInTimeoutMs,
          signInTimeoutSetting,
        ).then((answer) => answer.token);
        if (!token) throw new Error('no access token');
        return { id: 'application-default-credentials', token };
      } catch (error) {
        throw adcError(error);
      }
    },
    report() {
      // One identity: nothing to rotate.
    },
    async invalidate() {
      if (tokenSource) {
        await tokenSource.refresh().catch(() => undefined); // the next acquire reports a failure
        return;
      }
      const client = await auth.getClient();
      // Mark the cached token expired so the next acquire refreshes it.
      if ('credentials' in client && client.credentials)
        client.credentials = { ...client.credentials, expiry_date: 1 };
    },
  };
  const base = (baseUrl ?? vertexBaseUrl(location)).replace(/\/+$/, '');
  return createDirectGeminiBackend({
    name: 'vertex',
    upstreamName: 'Vertex AI',
    url: (model, method) =>
      `${base}/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/google/models/${encodeURIComponent(model)}:${method}`,
    headers: (credential) => ({ authorization: `Bearer ${credential.token}` }),
    credentials: selector,
    transport,
    embed: vertexEmbed,
    modelList: {
      url: (token) =>
        `${base}/v1beta1/publishers/google/models?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
      parse: parseVertexModels,
    },
  });
}

/**
 * Why no token: none found (say where to put them), Google's token endpoint refused them (its
 * `error: error_description`, e.g. a deleted service-account key), or the sign-in failed
 * otherwise (the library's reason: an unreachable token endpoint, a malformed key file).
 */
/**
 * `work`, or a rejection once `ms` passed (a plain timer: `AbortSignal.timeout` can be silenced
 * by a garbage collection on Node 20). google-auth-library's fetches have no deadline of their
 * own, so a metadata server or token endpoint that never answers would hang every request.
 */
async function withDeadline<T>(
  work: Promise<T>,
  ms: number | undefined,
  setting: string | undefined,
): Promise<T> {
  if (!ms || ms <= 0) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const within = `${Math.round(ms / 100) / 10} s`;
      reject(
        new Error(
          `Google's sign-in did not answer within ${within}${setting ? ` (${setting})` : ''}`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function adcError(error: unknown): GatewayError {
  const reason = cutUpstreamMessage(error instanceof Error ? error.message : String(error));
  const refusal = (error as { response?: { data?: { error?: unknown } } } | undefined)?.response
    ?.data?.error;
  let message: string;
  if (typeof refusal === 'string') {
    message = `Google refused the application default credentials (${reason}). The service-account key may have been deleted or disabled, or the gcloud login revoked: create a new key, or run "gcloud auth application-default login" again.`;
  } else if (reason.startsWith('Could not load the default credentials')) {
    message =
      'Vertex AI needs application default credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, run "gcloud auth application-default login", or run on Google Cloud with a service account.';
  } else {
    message = `Could not sign in to Vertex AI with the application default credentials: ${reason}`;
  }
  return new GatewayError({ code: 'NO_CREDENTIALS', status: 503, cause: error, message });
}
