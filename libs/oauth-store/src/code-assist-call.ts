import { boundedFetch, EndpointProblem } from './bounded-fetch';
import { classifyForbidden, eligibilityError, forbiddenInfoFromBody } from './eligibility-error';
import { OAuthStoreError } from './oauth-store-error';

/** How to reach Code Assist for one account's setup calls. */
export interface CodeAssistCallContext {
  endpoint: string;
  accessToken: string;
  /** For messages: which account this is. */
  source: string;
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal | undefined;
  /** Deadline of each call, answer included (default none). */
  timeoutMs?: number | undefined;
  /** The setting behind `timeoutMs`, named in the error. */
  timeoutSetting?: string | undefined;
}

/** Longest part of a Google error message quoted in a setup error. */
const MAX_QUOTED_CHARS = 2000;

/**
 * One setup call (`POST v1internal:<method>` or `GET v1internal/<path>`). A 403 about the account
 * becomes a typed `ACCOUNT_INELIGIBLE` error; other failures `PROJECT_DISCOVERY_FAILED`.
 */
export async function callCodeAssist(
  context: CodeAssistCallContext,
  target: { method: string; body: unknown } | { getPath: string },
): Promise<unknown> {
  const isGet = 'getPath' in target;
  const url = isGet
    ? `${context.endpoint}/v1internal/${target.getPath}`
    : `${context.endpoint}/v1internal:${target.method}`;
  const label = isGet ? 'the onboarding operation' : target.method;
  const fetch = boundedFetch(context.fetch, {
    timeoutMs: context.timeoutMs,
    timeoutSetting: context.timeoutSetting,
  });
  let response: Response;
  try {
    response = await fetch(url, {
      method: isGet ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${context.accessToken}`,
        'content-type': 'application/json',
      },
      ...(isGet ? {} : { body: JSON.stringify(target.body) }),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    const problem = EndpointProblem.find(error);
    const what = problem
      ? `Code Assist (${label}) ${problem.message}`
      : `Code Assist (${label}) could not be reached`;
    throw setupError(context.source, what, true, error);
  }
  const text = await response.text();
  if (response.status === 403) {
    const info = forbiddenInfoFromBody(text);
    const classified = classifyForbidden(info);
    if (classified)
      throw eligibilityError(context.source, classified.reason, {
        actionUrl: classified.actionUrl,
      });
    throw eligibilityError(context.source, 'INELIGIBLE_ACCOUNT', {
      googleMessage: info.message || 'permission denied',
    });
  }
  if (!response.ok) {
    const message = googleMessage(text);
    throw setupError(
      context.source,
      `${label} answered HTTP ${response.status}${message ? `: ${message}` : ''}`,
      response.status >= 500 || response.status === 429,
      undefined,
      response.status,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw setupError(context.source, `${label} returned a body that is not JSON`, true);
  }
}

/** A `PROJECT_DISCOVERY_FAILED` error naming the account. */
export function setupError(
  source: string,
  problem: string,
  isRetryable: boolean,
  cause?: unknown,
  status?: number,
): OAuthStoreError {
  return new OAuthStoreError({
    code: 'PROJECT_DISCOVERY_FAILED',
    source,
    isRetryable,
    cause,
    ...(status === undefined ? {} : { status }),
    message: `Project discovery for ${source} failed: ${problem}.`,
  });
}

function googleMessage(text: string): string | undefined {
  const message = forbiddenInfoFromBody(text).message;
  if (!message) return undefined;
  return message.length > MAX_QUOTED_CHARS
    ? `${message.slice(0, MAX_QUOTED_CHARS)}… (cut: ${message.length} characters)`
    : message;
}
