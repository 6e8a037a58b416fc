import { startEmulator, type Emulator, type EmulatorOptions } from '@geminicli2api/emulator';
import OpenAI from 'openai';
import { GATEWAY_PASSWORD, startGateway } from './start-gateway';

export const TEST_PASSWORD = GATEWAY_PASSWORD;

/** A gateway and an emulator on ephemeral loopback ports, plus the gateway's captured log. */
export interface Stack {
  emulator: Emulator;
  url: string;
  password: string;
  logs(): string;
  close(): Promise<void>;
}

export interface StackOptions {
  env?: Record<string, string | undefined>;
  emulator?: EmulatorOptions;
  /** Start without credentials (no GEMINI_CREDENTIALS). */
  withoutCredentials?: boolean;
}

/**
 * POSTs `body` to `path` on the stack with the password as Bearer and a JSON content type (a
 * string or bytes are sent as they are); `headers` override either.
 */
export function postJson(
  stack: Pick<Stack, 'url' | 'password'>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.password}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

/** The demo account's credentials, with an expired access token so the first call refreshes. */
export function demoCredentials(emulator: Emulator): string {
  return JSON.stringify({
    refresh_token: 'demo-refresh-token',
    token_uri: emulator.tokenUrl,
    client_id: 'emulator-client',
    client_secret: 'emulator-secret',
    token: 'expired',
    expiry: '2000-01-01T00:00:00Z',
  });
}

/**
 * Like {@link startStack}, but the whole environment is built from the running emulator (so a
 * test can point credentials, token URLs or proxies at it).
 */
export async function startCustomStack(
  emulatorOptions: EmulatorOptions,
  env: (emulator: Emulator) => Record<string, string | undefined>,
): Promise<Stack> {
  const emulator = await startEmulator(emulatorOptions);
  const gateway = await startGateway({
    CODE_ASSIST_ENDPOINT: emulator.url,
    ...env(emulator),
  }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  return {
    emulator,
    url: gateway.url,
    password: gateway.password,
    logs: gateway.logs,
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

/** Starts emulator + gateway wired together the way `npm run demo` does. */
export function startStack({
  env = {},
  emulator,
  withoutCredentials,
}: StackOptions = {}): Promise<Stack> {
  return startCustomStack(emulator ?? {}, (running) => ({
    ...(withoutCredentials ? {} : { GEMINI_CREDENTIALS: demoCredentials(running) }),
    ...env,
  }));
}

/** {@link startStack} plus an official `openai` client pointed at it (no SDK retries). */
export async function startOpenAIStack(
  options: StackOptions = {},
): Promise<{ stack: Stack; client: OpenAI }> {
  const stack = await startStack(options);
  const client = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: stack.password, maxRetries: 0 });
  return { stack, client };
}

/** Streams a one-message chat through `client` and returns the text of all its deltas. */
export async function streamedChatText(
  client: OpenAI,
  model: string,
  content: string,
): Promise<string> {
  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
