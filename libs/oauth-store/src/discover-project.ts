import { z } from 'zod';
import { OAuthStoreError } from './oauth-store-error';

/** The Code Assist project an account works in, and its tier. */
export interface CodeAssistProject {
  projectId: string;
  tierId?: string;
}

/** Options of {@link discoverProject}. */
export interface DiscoverProjectOptions {
  /** Code Assist base URL, e.g. `https://cloudcode-pa.googleapis.com`. */
  endpoint: string;
  accessToken: string;
  /** A project configured by the operator (GOOGLE_CLOUD_PROJECT); sent to loadCodeAssist. */
  configuredProject?: string | undefined;
  /** For messages: which account this is. */
  source: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

const loadResponseSchema = z.looseObject({
  currentTier: z.looseObject({ id: z.string().nullish() }).nullish(),
  paidTier: z.looseObject({ id: z.string().nullish() }).nullish(),
  cloudaicompanionProject: z
    .union([z.string(), z.looseObject({ id: z.string().nullish() })])
    .nullish(),
  ineligibleTiers: z
    .array(z.looseObject({ reasonCode: z.string().nullish(), reasonMessage: z.string().nullish() }))
    .nullish(),
});

/**
 * Asks Code Assist (`v1internal:loadCodeAssist`) which project and tier the account uses. The
 * operator's project wins when set; otherwise the project Code Assist reports.
 */
export async function discoverProject({
  endpoint,
  accessToken,
  configuredProject,
  source,
  fetch = globalThis.fetch,
  signal,
}: DiscoverProjectOptions): Promise<CodeAssistProject> {
  const metadata = {
    ideType: 'IDE_UNSPECIFIED',
    platform: 'PLATFORM_UNSPECIFIED',
    pluginType: 'GEMINI',
    ...(configuredProject ? { duetProject: configuredProject } : {}),
  };
  const body = JSON.stringify({
    ...(configuredProject ? { cloudaicompanionProject: configuredProject } : {}),
    metadata,
  });
  let response: Response;
  try {
    response = await fetch(`${endpoint}/v1internal:loadCodeAssist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw discoveryError(source, 'Code Assist could not be reached', true, error);
  }
  const text = await response.text();
  if (!response.ok) {
    throw discoveryError(
      source,
      `loadCodeAssist answered HTTP ${response.status}${googleMessage(text)}`,
      response.status >= 500 || response.status === 429,
    );
  }
  const parsed = loadResponseSchema.safeParse(safeJson(text));
  if (!parsed.success) throw discoveryError(source, 'loadCodeAssist returned an unexpected body', true);
  const data = parsed.data;
  const reported =
    typeof data.cloudaicompanionProject === 'string'
      ? data.cloudaicompanionProject
      : data.cloudaicompanionProject?.id;
  const projectId = configuredProject || reported || undefined;
  const tierId = data.paidTier?.id ?? data.currentTier?.id ?? undefined;
  if (!projectId) {
    const reasons = (data.ineligibleTiers ?? [])
      .map((tier) => tier.reasonMessage)
      .filter((reason): reason is string => Boolean(reason));
    throw discoveryError(
      source,
      reasons.length > 0
        ? `the account is not eligible for Code Assist: ${reasons.join('; ')}`
        : 'no Code Assist project is set up for this account. Set GOOGLE_CLOUD_PROJECT to your Google Cloud project id',
      false,
    );
  }
  return tierId ? { projectId, tierId } : { projectId };
}

function discoveryError(
  source: string,
  problem: string,
  isRetryable: boolean,
  cause?: unknown,
): OAuthStoreError {
  return new OAuthStoreError({
    code: 'PROJECT_DISCOVERY_FAILED',
    source,
    isRetryable,
    cause,
    message: `Project discovery for ${source} failed: ${problem}.`,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function googleMessage(text: string): string {
  const value = safeJson(text);
  const body = Array.isArray(value) ? value[0] : value;
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? `: ${message}` : '';
}
