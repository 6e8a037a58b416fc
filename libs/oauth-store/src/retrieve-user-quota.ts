import {
  retrieveUserQuotaResponseSchema,
  type RetrieveUserQuotaResponse,
} from '@geminicli2api/protocol-gemini';
import { callCodeAssist, setupError } from './code-assist-call';

/** One `retrieveUserQuota` bucket: remaining fraction and reset time of one model's quota. */
export type QuotaBucket = NonNullable<RetrieveUserQuotaResponse['buckets']>[number];

/** Options of {@link retrieveUserQuota}. */
export interface RetrieveUserQuotaOptions {
  endpoint: string;
  accessToken: string;
  projectId: string;
  /** For messages: which account this is. */
  source: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Deadline of each call to Code Assist, answer included (default none). */
  timeoutMs?: number | undefined;
  /** The setting behind `timeoutMs`, named in the error. */
  timeoutSetting?: string | undefined;
}

/** `v1internal:retrieveUserQuota`: the account's remaining quota per model. */
export async function retrieveUserQuota(options: RetrieveUserQuotaOptions): Promise<QuotaBucket[]> {
  const value = await callCodeAssist(
    {
      endpoint: options.endpoint,
      accessToken: options.accessToken,
      source: options.source,
      fetch: options.fetch ?? globalThis.fetch,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      timeoutSetting: options.timeoutSetting,
    },
    { method: 'retrieveUserQuota', body: { project: options.projectId } },
  );
  const parsed = retrieveUserQuotaResponseSchema.safeParse(value);
  if (!parsed.success)
    throw setupError(options.source, 'retrieveUserQuota returned an unexpected body', true);
  return parsed.data.buckets ?? [];
}
