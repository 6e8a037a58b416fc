import type { GeminiModelCatalog } from '@geminicli2api/protocol-gemini';
import type { Logger } from 'winston';
import { GatewayError } from './gateway-error';
import { limitBackend } from './limits/limited-backend';
import type { RateWindows } from './limits/rate-windows';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import { withModelFallbacks, type FallbackChains } from './models/model-fallbacks';
import { withUnknownModelHint } from './models/unknown-model-hint';
import type { GeminiBackend } from './upstream/gemini-backend';
import { meterBackend } from './upstream/metered-backend';

const NO_CREDENTIALS_MESSAGE =
  'No Google credentials are configured, so the gateway cannot call Gemini. Provide one of: ' +
  'GEMINI_API_KEY (a Gemini API key; several comma-separated), GOOGLE_GENAI_USE_VERTEXAI=true with ' +
  'GOOGLE_CLOUD_PROJECT and application default credentials (Vertex AI), or Code Assist OAuth ' +
  'credentials: GEMINI_CREDENTIALS (the JSON of oauth_creds.json, on one line), ' +
  'GOOGLE_APPLICATION_CREDENTIALS (path to an oauth_creds.json), GEMINI_CREDENTIALS_DIR, ' +
  './oauth_creds.json or ~/.gemini/oauth_creds.json (npm run login creates one) — then restart. ' +
  'See docs/credentials.md.';

/** What every surface's model call goes through, outermost first. */
export interface ServingOptions {
  catalog: GeminiModelCatalog;
  chains: FallbackChains;
  logger: Logger;
  metrics: GatewayMetrics | undefined;
  windows: RateWindows;
}

/**
 * The backend every route calls: the client key's limits, metering, the unknown-model hint and
 * MODEL_FALLBACKS around the upstream client. Without credentials, each call is a 503 saying
 * how to provide them.
 */
export function servingBackend(
  client: GeminiBackend | undefined,
  { catalog, chains, logger, metrics, windows }: ServingOptions,
): () => GeminiBackend {
  if (!client) {
    return () => {
      throw new GatewayError({
        code: 'NO_CREDENTIALS',
        status: 503,
        message: NO_CREDENTIALS_MESSAGE,
      });
    };
  }
  const served =
    chains.size > 0
      ? withModelFallbacks(client, { chains, logger, counter: metrics?.modelFallbacks })
      : client;
  const limited = limitBackend(
    meterBackend(withUnknownModelHint(served, catalog)),
    windows,
    logger,
  );
  return () => limited;
}
