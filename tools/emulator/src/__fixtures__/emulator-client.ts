import type { Emulator } from '../emulator-options';

/** A minimal valid generate body for `model`. */
export function generateBody(
  options: { model?: string; text?: string; request?: Record<string, unknown> } = {},
) {
  return {
    model: options.model ?? 'gemini-2.5-flash',
    project: 'demo-project',
    user_prompt_id: 'prompt-1',
    request: {
      contents: [{ role: 'user', parts: [{ text: options.text ?? 'hello world' }] }],
      ...options.request,
    },
  };
}

/** Exchanges a refresh token for an access token at the emulator's token endpoint. */
export async function getAccessToken(
  emulator: Emulator,
  refreshToken = 'demo-refresh-token',
): Promise<string> {
  const response = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`token refresh failed: ${response.status}`);
  return body.access_token;
}

/** POSTs JSON to `${emulator.url}${path}` with a bearer token. */
export function postJson(
  emulator: Emulator,
  path: string,
  body: unknown,
  options: { token?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(body) };
  if (options.signal !== undefined) init.signal = options.signal;
  return fetch(`${emulator.url}${path}`, init);
}

/** Splits a raw SSE body into its `data:` payloads, parsed. */
export function parseSseBody(text: string): unknown[] {
  return text
    .split('\r\n\r\n')
    .filter((block) => block !== '')
    .map((block) => JSON.parse(block.replace(/^data: /, '')) as unknown);
}

/** Reads a streamed body chunk by chunk until it ends or fails; returns the text and any error. */
export async function readUntilEnd(response: Response): Promise<{ text: string; error?: unknown }> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  if (reader === undefined) return { text };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}
